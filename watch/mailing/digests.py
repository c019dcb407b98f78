"""Composing digests: automatic drafts, and the personalised e-mail of each subscriber.

Everything a digest shares (entries, section headings, the layout) is rendered once per digest by
`DigestContent`; a subscriber's message is then assembled from those fragments by joining
strings, so sending to 10,000 people costs 10,000 joins, not 10,000 template renders.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cached_property
from html import unescape

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F, prefetch_related_objects
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.html import escape, strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail.models import Page, Site
from wagtail.rich_text import expand_db_html

from events.queries import upcoming_open_events
from hub.dates import long_datetime
from hub.models import SiteSettings
from resources.queries import new_resources
from watch.collection.models import Item
from watch.collection.portals import facts as call_facts
from watch.mailing.choices import Rhythm
from watch.mailing.mime import DigestEmail, Skeleton
from watch.mailing.models import Digest, DigestEntry, OutboxMessage, Subscriber
from watch.mailing.models.digests import (
    ITEM_SECTIONS,
    SECTION_KIND,
    SECTION_ORDER,
    Section,
    new_message_id,
    site_host,
)
from watch.mailing.subscriptions import (
    absolute,
    preferences_url,
    subscribe_url,
    unsubscribe_url,
)

CLOSING_SOON_DAYS = 21
SUMMARY_WORDS = 55
# Per-subscriber parts of the shared layout, replaced when a message is assembled.
PLACEHOLDERS = ("GREETING", "SECTIONS", "PREFERENCES_URL", "UNSUBSCRIBE_URL")
_PLACEHOLDER = re.compile(r"@@WATCH_(" + "|".join(PLACEHOLDERS) + r")@@")


def format_date(value: datetime | date, fmt: str = "j F Y") -> str:
    if isinstance(value, datetime):
        value = timezone.localtime(value)
    text = formats.date_format(value, fmt)
    # French writes the first day of a month "1er" ("1er février 2027").
    return re.sub(r"(?<!\d)1 (?=[^\W\d])", "1er ", text) if fmt.startswith(("j", "l j")) else text


# --- Drafts -----------------------------------------------------------------------------------


def period_for(rhythm: str, now: datetime) -> tuple[datetime, datetime]:
    """The period a digest made at `now` covers: the previous week (Monday to Monday) or month."""
    local = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    if rhythm == Rhythm.MONTHLY:
        end = local.replace(day=1)
        start = (end - timedelta(days=1)).replace(day=1)
    else:
        end = local - timedelta(days=local.weekday())
        start = end - timedelta(days=7)
    tz = timezone.get_current_timezone()
    return (
        timezone.make_aware(start.replace(tzinfo=None), tz),
        timezone.make_aware(end.replace(tzinfo=None), tz),
    )


def default_title(rhythm: str, start: datetime, end: datetime) -> str:
    if rhythm == Rhythm.MONTHLY:
        return _("La veille du mois : %(month)s") % {"month": format_date(start, "F Y")}
    return _("La veille de la semaine du %(start)s au %(end)s") % {
        "start": format_date(start, "j F"),
        "end": format_date(end - timedelta(days=1), "j F Y"),
    }


def candidate_entries(start: datetime, end: datetime, now: datetime) -> list[tuple[str, object]]:
    """What a draft for the period contains, section by section, in reading order."""
    limit = settings.WATCH_DIGEST_MAX_PER_SECTION
    accepted = Item.objects.accepted()
    closing = list(
        accepted.open_calls(now)
        .filter(deadline__isnull=False, deadline__lte=now + timedelta(days=CLOSING_SOON_DAYS))
        .order_by("deadline")[:limit]
    )
    closing_ids = {item.pk for item in closing}
    in_period = accepted.filter(accepted_at__gte=start, accepted_at__lt=end)
    new_calls = list(
        in_period.open_calls(now)
        .exclude(pk__in=closing_ids)
        .order_by("-featured", F("deadline").asc(nulls_last=True), "-accepted_at")[:limit]
    )
    news = list(in_period.news().order_by("-featured", "-published_at", "-accepted_at")[:limit])
    entries: list[tuple[str, object]] = [(Section.CLOSING_SOON, item) for item in closing]
    entries += [(Section.NEW_CALLS, item) for item in new_calls]
    entries += [(Section.NEWS, item) for item in news]

    entries += [(Section.RESOURCES, page) for page in list(new_resources(start, end))[:limit]]
    horizon = now + timedelta(days=settings.WATCH_DIGEST_EVENTS_DAYS)
    entries += [(Section.EVENTS, page) for page in list(upcoming_open_events(horizon))[:limit]]
    return entries


def add_entries(digest: Digest, entries: list[tuple[str, object]]) -> None:
    """Store (section, item or page) pairs, as `candidate_entries` gives them, in their order."""
    DigestEntry.objects.bulk_create(
        [
            DigestEntry(
                digest=digest,
                section=section,
                item=target if isinstance(target, Item) else None,
                page=None if isinstance(target, Item) else target,
                sort_order=order,
            )
            for order, (section, target) in enumerate(entries)
        ]
    )


def build_draft(rhythm: str, now: datetime | None = None, *, draft_key: str | None = None):
    """Create a draft digest for the period that just ended, filled with what was accepted."""
    now = now or timezone.now()
    start, end = period_for(rhythm, now)
    with transaction.atomic():
        digest = Digest.objects.create(
            title=default_title(rhythm, start, end),
            rhythm=rhythm,
            period_start=start,
            period_end=end,
            draft_key=draft_key,
        )
        add_entries(digest, candidate_entries(start, end, now))
    return digest


def make_due_drafts(now: datetime | None = None) -> list[Digest]:
    """Make the weekly and monthly drafts whose time has come; safe to run every hour."""
    now = now or timezone.now()
    local = timezone.localtime(now)
    hour = settings.WATCH_DIGEST_HOUR
    due = []
    if local.weekday() == settings.WATCH_DIGEST_WEEKDAY and local.hour >= hour:
        due.append(Rhythm.WEEKLY)
    if local.day == settings.WATCH_DIGEST_MONTH_DAY and local.hour >= hour:
        due.append(Rhythm.MONTHLY)
    made = []
    for rhythm in due:
        start, _end = period_for(rhythm, now)
        key = f"{rhythm}-{start.date().isoformat()}"
        if Digest.objects.filter(draft_key=key).exists():
            continue
        try:
            digest = build_draft(rhythm, now, draft_key=key)
        except IntegrityError:  # another worker made it at the same moment
            continue
        if settings.WATCH_DIGEST_AUTO_SEND and digest.entries.exists():
            # Editors keep a window to amend the draft before it leaves on its own.
            delay = timedelta(hours=settings.WATCH_DIGEST_AUTO_SEND_DELAY_HOURS)
            Digest.objects.filter(pk=digest.pk).update(
                status=Digest.Status.SCHEDULED, scheduled_for=now + delay
            )
        made.append(digest)
    return made


# --- Rendering --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One entry of a digest: what it shows and what it matches (its e-mail fragments are
    rendered once, by `DigestContent.fragments`)."""

    key: str
    section: str
    title: str
    url: str
    meta: str
    summary: str
    note: str
    theme_ids: frozenset
    theme_names: tuple
    # Set when the text is in another language than the site's (an English EU topic).
    title_language: str = ""
    summary_language: str = ""


@dataclass
class Selection:
    """What one subscriber receives: sections in order, each with its entries."""

    sections: list[tuple[str, list[Entry]]] = field(default_factory=list)

    @property
    def keys(self) -> list[str]:
        return [entry.key for _section, entries in self.sections for entry in entries]

    def __bool__(self) -> bool:
        return bool(self.sections)


def _summary(html_or_text: str) -> str:
    text = " ".join(strip_tags(html_or_text or "").split())
    return Truncator(text).words(SUMMARY_WORDS, truncate=" …")


def _item_entry(section: str, item: Item) -> dict:
    meta = [item.source.name]
    if item.deadline:
        meta.insert(0, _("Date limite : %(date)s") % {"date": format_date(item.deadline)})
    elif item.kind == Item.Kind.CALL and item.permanent:
        meta.insert(0, _("Sans date limite"))
    meta[-1:-1] = call_facts.describe(item.facts)  # a portal call's programme, stages, budget…
    themes = list(item.themes.all())
    return {
        "key": f"item:{item.pk}",
        "section": section,
        "title": item.display_title,
        "url": item.url,
        "meta": " · ".join(meta),
        "summary": _summary(item.editor_summary_html or item.summary_text or item.summary_html),
        # The `lang` of a text in another language than the letter (an English EU topic).
        "title_language": item.title_language,
        "summary_language": item.summary_language,
        "note": item.editor_note.strip(),
        "theme_ids": frozenset(theme.pk for theme in themes),
        "theme_names": tuple(theme.name for theme in themes),
    }


def _page_entry(section: str, page, site_root: str) -> dict:
    meta = []
    start = getattr(page, "start", None)
    if isinstance(start, datetime):
        meta.append(long_datetime(start))  # the site's one date style (hub.dates)
    meta.append(str(page.specific_class._meta.verbose_name).capitalize())
    themes = list(page.themes.all()) if hasattr(page, "themes") else []
    summary = page.search_description or getattr(page, "intro", "") or ""
    url = page.get_full_url() or page.url_path
    return {
        "key": f"page:{page.pk}",
        "section": section,
        "title": page.title,
        "url": url if url.startswith("http") else site_root + url,
        "meta": " · ".join(meta),
        "summary": _summary(str(summary)),
        "note": "",
        "theme_ids": frozenset(theme.pk for theme in themes),
        "theme_names": tuple(theme.name for theme in themes),
    }


def section_titles() -> dict[str, str]:
    return {section.value: str(section.label) for section in Section}


@dataclass(frozen=True)
class Fragments:
    """The e-mail parts every subscriber of a digest shares, rendered once."""

    entry_html: dict[str, str]  # by entry key
    entry_text: dict[str, str]
    section_html: dict[str, str]  # by section
    section_text: dict[str, str]
    html_parts: list[str]  # the layout, split around its placeholders (see `_split`)
    text_parts: list[str]


class DigestContent:
    """A digest loaded once, ready to be personalised for any subscriber.

    Loading (entries, introduction, period, headers) is all the public archive needs; the e-mail
    fragments, the logo and the MIME skeleton are made on first use, then reused for everyone.
    """

    def __init__(self, digest: Digest, now: datetime | None = None):
        self.digest = digest
        self.now = now or timezone.now()
        with translation.override(settings.LANGUAGE_CODE):
            self._load()
            self._describe()

    # Loading ---------------------------------------------------------------------------------

    def _load(self) -> None:
        entries = list(
            self.digest.entries.select_related("item__source")
            .prefetch_related("item__themes")
            .order_by("sort_order", "pk")
        )
        pages = {
            page.pk: page
            for page in Page.objects.filter(
                pk__in=[entry.page_id for entry in entries if entry.page_id]
            )
            .live()
            .public()
            .specific()
        }
        by_class: dict[type, list] = {}
        for page in pages.values():
            by_class.setdefault(type(page), []).append(page)
        for cls, same in by_class.items():
            if hasattr(cls, "themes"):
                prefetch_related_objects(same, "themes")
        site_root = settings.SITE_URL
        if pages:  # their URLs are relative to the default site
            site = Site.objects.filter(is_default_site=True).first()
            site_root = site.root_url if site else settings.SITE_URL
        self.site_settings = SiteSettings.for_default_site()

        seen: set[str] = set()
        self.entries: list[Entry] = []
        for entry in entries:
            if entry.item_id:
                item = entry.item
                # A call that closed since the draft was made is no longer worth reading.
                if item.status != Item.Status.ACCEPTED or (
                    item.kind == Item.Kind.CALL and item.deadline and item.deadline < self.now
                ):
                    continue
                data = _item_entry(entry.section, item)
            else:
                page = pages.get(entry.page_id)
                if page is None:
                    continue
                data = _page_entry(entry.section, page, site_root)
            if data["key"] in seen:
                continue
            seen.add(data["key"])
            self.entries.append(Entry(**data))

    def _describe(self) -> None:
        """Introduction, period and headers: shared by the e-mail and the archive page."""
        site_settings = self.site_settings
        expanded = expand_db_html(self.digest.intro)
        self.intro_html = _absolute_links(expanded)
        self.intro_text = plain_text(expanded)
        self.period = _("du %(start)s au %(end)s") % {
            "start": format_date(self.digest.period_start),
            "end": format_date(self.digest.period_end - timedelta(seconds=1)),
        }
        self.organisation = site_settings.organisation_name or settings.WAGTAIL_SITE_NAME
        self.archive_url = absolute(self.digest.get_absolute_url())
        self.subject = self.digest.title
        self.from_email = site_settings.sender_address()
        self.reply_to = [site_settings.email_reply_to] if site_settings.email_reply_to else []
        self.unsubscribe_mailto = (
            settings.WATCH_UNSUBSCRIBE_MAILTO
            or site_settings.email_reply_to
            or site_settings.contact_email
        )
        host = site_host()
        self.list_headers = {
            "List-Id": f"{self.organisation} <lettre.{host}>",
            "List-Archive": f"<{self.archive_url}>",
        }

    # Rendering -------------------------------------------------------------------------------

    @cached_property
    def context(self) -> dict:
        """What the e-mail templates share."""
        site_settings = self.site_settings
        return {
            "digest": self.digest,
            "site_settings": site_settings,
            "organisation": self.organisation,
            "intro_html": self.intro_html,
            "intro_text": self.intro_text,
            "archive_url": self.archive_url,
            "site_url": settings.SITE_URL,
            "period": self.period,
            "footer": site_settings.email_footer,
            "logo_url": self._logo_url(),
        }

    def _logo_url(self) -> str:
        logo = self.site_settings.logo if self.site_settings.pk else None
        if logo is None:
            return ""
        try:
            return absolute(logo.get_rendition("height-60").url)
        except Exception:  # noqa: BLE001 - a missing file must not stop a digest
            return ""

    @cached_property
    def fragments(self) -> Fragments:
        """Every entry, section heading and the layout, rendered once for all messages."""
        with translation.override(settings.LANGUAGE_CODE):
            context = self.context
            titles = section_titles()
            markers = {name: f"@@WATCH_{name}@@" for name in PLACEHOLDERS}
            entry_html, entry_text = {}, {}
            for entry in self.entries:
                entry_context = {**context, "entry": entry}
                entry_html[entry.key] = render_to_string("email/digest/entry.html", entry_context)
                entry_text[entry.key] = render_to_string("email/digest/entry.txt", entry_context)
            return Fragments(
                entry_html=entry_html,
                entry_text=entry_text,
                section_html={
                    key: render_to_string("email/digest/section.html", {"title": title})
                    for key, title in titles.items()
                },
                section_text={
                    key: render_to_string("email/digest/section.txt", {"title": title})
                    for key, title in titles.items()
                },
                html_parts=_split(
                    render_to_string("email/digest/message.html", {**context, **markers})
                ),
                text_parts=_split(
                    render_to_string("email/digest/message.txt", {**context, **markers})
                ),
            )

    @cached_property
    def skeleton(self) -> Skeleton:
        return self._skeleton()

    # Personalisation ---------------------------------------------------------------------------

    def select(self, theme_ids=frozenset(), kinds=None, already_sent=frozenset()) -> Selection:
        """The sections and entries for someone with these topics and kinds.

        No topic chosen means every topic; an entry without a topic is of general interest and
        goes to everyone; an entry this person already received in an earlier digest is left out.
        """
        kinds = set(kinds) if kinds is not None else {str(k) for k in SECTION_KIND.values()}
        grouped: dict[str, list[Entry]] = {}
        for entry in self.entries:
            if str(SECTION_KIND[entry.section]) not in kinds or entry.key in already_sent:
                continue
            if theme_ids and entry.theme_ids and not (entry.theme_ids & theme_ids):
                continue
            grouped.setdefault(entry.section, []).append(entry)
        return Selection([(s, grouped[s]) for s in SECTION_ORDER if s in grouped])

    def render(
        self, selection: Selection, *, name: str, preferences_url: str, unsubscribe_url: str
    ):
        """(html, text) of one message, assembled from the shared fragments."""
        fragments = self.fragments
        greeting = _("Bonjour %(name)s,") % {"name": name} if name else _("Bonjour,")
        html_values = {
            "GREETING": escape(greeting),
            "SECTIONS": "".join(
                fragments.section_html[section]
                + "".join(fragments.entry_html[entry.key] for entry in entries)
                for section, entries in selection.sections
            ),
            "PREFERENCES_URL": escape(preferences_url),
            "UNSUBSCRIBE_URL": escape(unsubscribe_url),
        }
        text_values = {
            "GREETING": greeting,
            "SECTIONS": "".join(
                fragments.section_text[section]
                + "".join(fragments.entry_text[entry.key] for entry in entries)
                for section, entries in selection.sections
            ),
            "PREFERENCES_URL": preferences_url,
            "UNSUBSCRIBE_URL": unsubscribe_url,
        }
        return _join(fragments.html_parts, html_values), _join(fragments.text_parts, text_values)

    def message(
        self,
        to: str,
        selection: Selection,
        *,
        name: str = "",
        preferences_url: str,
        unsubscribe_url: str,
        message_id: str = "",
        subject_prefix: str = "",
    ) -> EmailMultiAlternatives:
        """The e-mail itself, with RFC 8058 one-click unsubscribe headers."""
        html, text = self.render(
            selection, name=name, preferences_url=preferences_url, unsubscribe_url=unsubscribe_url
        )
        unsubscribe = f"<{unsubscribe_url}>"
        if self.unsubscribe_mailto:
            unsubscribe += f", <mailto:{self.unsubscribe_mailto}?subject=d%C3%A9sinscription>"
        personal = [
            ("List-Unsubscribe", unsubscribe),
            ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
            # The row's own id: a message sent twice would be recognised as the same one.
            ("Message-ID", message_id or new_message_id(self.digest.pk)),
        ]
        skeleton = self.skeleton if not subject_prefix else self._skeleton(subject_prefix)
        message = DigestEmail(
            subject=subject_prefix + self.subject,
            body=text,
            from_email=self.from_email,
            to=[to],
            reply_to=self.reply_to,
            headers={**dict(personal), **self.list_headers},
            skeleton=skeleton,
            personal_headers=personal,
        )
        message.attach_alternative(html, "text/html")
        return message

    def _skeleton(self, subject_prefix: str = "") -> Skeleton:
        return Skeleton(
            subject=subject_prefix + self.subject,
            from_email=self.from_email,
            reply_to=self.reply_to,
            headers=self.list_headers,
        )

    def public_selection(self) -> Selection:
        """Everything, for the archive and the editor's preview."""
        return self.select()


_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|blockquote|ul|ol)>|<br\s*/?>", re.IGNORECASE)


def _absolute_links(html: str) -> str:
    """Mail clients have no base URL: every site link must be absolute."""
    return re.sub(r'(href|src)="/', rf'\1="{settings.SITE_URL}/', html)


def plain_text(html: str) -> str:
    """Rich text as readable plain text: one paragraph per block, entities decoded."""
    text = unescape(strip_tags(_BLOCK_END.sub("\n\n", html or "")))
    paragraphs = [" ".join(part.split()) for part in text.split("\n\n")]
    return "\n\n".join(part for part in paragraphs if part)


def _split(rendered: str) -> list[str]:
    """Alternate literal text and placeholder names: ["<html>…", "GREETING", "…", …]."""
    return _PLACEHOLDER.split(rendered)


def _join(parts: list[str], values: dict[str, str]) -> str:
    # Odd positions are placeholder names (re.split keeps the captured group).
    return "".join(values[part] if index % 2 else part for index, part in enumerate(parts))


def preview_subscriber(digest: Digest, subscriber: Subscriber | None, content=None):
    """(selection, html, text) as this subscriber would receive the digest (or everything)."""
    content = content or DigestContent(digest)
    if subscriber is None:
        selection = content.public_selection()
        links = {"preferences_url": subscribe_url(), "unsubscribe_url": "#"}
        name = ""
    else:
        already = OutboxMessage.objects.received_keys([subscriber.pk], except_digest=digest.pk)
        already = already.get(subscriber.pk, set())
        theme_ids = frozenset(subscriber.themes.values_list("pk", flat=True))
        selection = content.select(theme_ids, subscriber.kinds(), already)
        links = {
            "preferences_url": preferences_url(subscriber),
            "unsubscribe_url": unsubscribe_url(subscriber),
        }
        name = subscriber.name
    html, text = content.render(selection, name=name, **links)
    return selection, html, text


__all__ = [
    "DigestContent",
    "Entry",
    "Selection",
    "build_draft",
    "make_due_drafts",
    "period_for",
    "preview_subscriber",
    "ITEM_SECTIONS",
]
