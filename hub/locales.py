"""Languages of the site: which locale a listing reads, and a page's versions in each language.

French pages live under the French home page, English ones under its translation (Wagtail
i18n, `translation_key` ties a page to its translations). Listings that read pages across the
tree (teasers, agenda, search, feeds) keep to the visitor's language; data that is not a page
(registrations, watch items, applications) exists once, attached to the French original.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, Site

from hub import cache as hub_cache


def active_language() -> str:
    """The content language of the request (or of `translation.override`)."""
    try:
        return get_supported_content_language_variant(translation.get_language())
    except LookupError:
        return settings.LANGUAGE_CODE


def in_active_locale(queryset, prefix: str = ""):
    """`queryset` (of pages, or of rows pointing to pages through `prefix`) in this language.

    A join on the small locale table rather than Locale.get_active(): no extra query.
    """
    return queryset.filter(**{f"{prefix}locale__language_code": active_language()})


def in_default_locale(queryset, prefix: str = ""):
    """`queryset` in French: what is e-mailed to everyone (digests) is written in French."""
    return queryset.filter(**{f"{prefix}locale__language_code": settings.LANGUAGE_CODE})


def original(page):
    """The French original of `page` (itself when French or when it has none)."""
    if page.locale.language_code == settings.LANGUAGE_CODE:
        return page
    found = (
        type(page)
        .objects.filter(
            translation_key=page.translation_key, locale__language_code=settings.LANGUAGE_CODE
        )
        .first()
    )
    return found or page


def localized_for(page, language: str):
    """`page`'s live translation in `language`, or `page` itself when there is none."""
    if page.locale.language_code == language:
        return page
    found = (
        type(page)
        .objects.live()
        .filter(translation_key=page.translation_key, locale__language_code=language)
        .first()
    )
    return found or page


def home_page(request, page=None):
    """The home page in the visitor's language (the French one when not translated), or None.

    `page`: the page being shown, whose translations the same query then reads for the switch.
    """
    site = Site.find_for_request(request)
    if site is None:
        return None
    homes, _pages = _translations(request, site, page)
    return homes.get(active_language()) or site.root_page


def untranslated_original(request):
    """For an English address that leads nowhere: the French page it was meant to be, if clear.

    A French-only page has no English address; when the last segment of the address is the
    slug of exactly one French page, the 404 page offers that page.
    """
    if active_language() == settings.LANGUAGE_CODE:
        return None
    slug = request.path.rstrip("/").rsplit("/", 1)[-1]
    if not slug:
        return None
    french = in_default_locale(Page.objects.live().public().filter(slug=slug))
    candidates = list(french.only("title", "url_path")[:2])
    return candidates[0] if len(candidates) == 1 else None


@dataclass(frozen=True)
class LanguageVersion:
    """One language of the current page: where to read it, and whether it is a translation."""

    code: str
    name: str
    url: str
    is_current: bool
    # False when the page has no version in this language and the link leads to its home page.
    is_translation: bool


def language_versions(request, page=None) -> list[LanguageVersion]:
    """Each language's address for the current page (or view), computed once per request.

    A page links to its live translation, else to the home page in that language; a view that
    is not a page (search, registration…) to the same path under the other prefix.
    """
    cached = getattr(request, "_language_versions", None)
    if cached is not None:
        return cached
    current = active_language()
    site = Site.find_for_request(request)
    homes, pages = _translations(request, site, page) if site else ({}, {})
    versions = []
    for code, name in settings.LANGUAGES:
        target = pages.get(code)
        if target is not None:
            url = target.get_url(request)
        elif page is None and _is_view(request):
            # The path only: a query string (a search, a token) is not repeated in the page.
            url = translate_url(request.path, code)
        else:
            home = homes.get(code)
            url = home.get_url(request) if home else "/"
        versions.append(
            LanguageVersion(
                code=code,
                name=name,
                url=url,
                is_current=code == current,
                is_translation=target is not None or (page is None and _is_view(request)),
            )
        )
    request._language_versions = versions
    return versions


def alternates(versions: list[LanguageVersion]) -> list[dict]:
    """hreflang links (each language, then x-default: French) when a page has translations."""
    translated = [version for version in versions if version.is_translation]
    if len(translated) < 2:
        return []
    links = [{"hreflang": version.code, "href": version.url} for version in translated]
    default = next((v for v in translated if v.code == settings.LANGUAGE_CODE), None)
    if default is not None:
        links.append({"hreflang": "x-default", "href": default.url})
    return links


def _translations(request, site, page) -> tuple[dict[str, Page], dict[str, Page]]:
    """({language: home page}, {language: page}) of the live translations of the site's home
    and of `page`: one query per request, shared by the brand link, menu and switch."""
    key = page.translation_key if page is not None else None
    cached = getattr(request, "_page_translations", None)
    if cached is not None and (key is None or cached[0] == key):
        return cached[1], cached[2]
    # The same for every visitor: kept under the generation that publishing changes.
    homes, pages = hub_cache.cached(
        ("translations", site.pk, site.root_page.translation_key, key),
        lambda: _live_translations(site.root_page.translation_key, key),
    )
    request._page_translations = (key, homes, pages)
    return homes, pages


def _live_translations(home_key, key) -> tuple[dict[str, Page], dict[str, Page]]:
    rows = (
        Page.objects.live()
        .filter(translation_key__in={home_key, key} - {None})
        .select_related("locale")
        .only("path", "depth", "url_path", "translation_key", "locale", "locale__language_code")
    )
    homes, pages = {}, {}
    for row in rows:
        if row.translation_key == home_key:
            homes[row.locale.language_code] = row
        if row.translation_key == key:
            pages[row.locale.language_code] = row
    return homes, pages


def _is_view(request) -> bool:
    """True for a Django view (search, forms…), whose address works under both prefixes."""
    match = getattr(request, "resolver_match", None)
    return match is not None and match.url_name != "wagtail_serve"


def language_field():
    """The language a person used (registration, subscription, account): their e-mails' one."""
    return models.CharField(
        _("langue"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )


class OnePerLanguageMixin:
    """A page type of which each language has exactly one (home, agenda, calls…).

    Replaces `max_count = 1`, which would forbid the English translation.
    """

    @classmethod
    def can_create_at(cls, parent):
        return (
            super().can_create_at(parent)
            and not cls.objects.filter(locale_id=parent.locale_id).exists()
        )
