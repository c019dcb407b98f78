"""Syndication of accepted items (RSS and Atom) and an iCalendar feed of call deadlines."""

from datetime import timedelta

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import F
from django.http import HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from hub import dates
from hub.locales import in_active_locale
from watch.collection.models import CallsIndexPage, Item
from watch.collection.portals import facts as call_facts

FEED_SIZE = 50


class AcceptedItemsFeed(Feed):
    """The latest accepted calls and news, as RSS 2.0."""

    def title(self):
        return _("Passerelles — appels à projets et veille")

    def description(self):
        return _("Appels à projets et actualités sélectionnés par la rédaction de Passerelles.")

    def link(self):
        page = in_active_locale(CallsIndexPage.objects.live()).first()
        return page.url if page and page.url else "/"

    def items(self):
        return (
            Item.objects.accepted()
            .select_related("source")
            .prefetch_related("themes")
            .order_by(F("accepted_at").desc(nulls_last=True), "-id")[:FEED_SIZE]
        )

    def item_title(self, item):
        if item.kind == Item.Kind.CALL and item.deadline:
            return _("%(title)s (date limite : %(date)s)") % {
                "title": item.display_title,
                "date": dates.plain_date(item.deadline),
            }
        return item.display_title

    def item_description(self, item):
        return item.display_summary_html

    def item_link(self, item):
        return item.url

    def item_guid(self, item):
        return f"{settings.SITE_URL}/veille/element/{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.published_at or item.accepted_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        kind = _("Appel à projets") if item.kind == Item.Kind.CALL else _("Actualité")
        return [kind, *(theme.translated_name for theme in item.themes.all())]

    def item_author_name(self, item):
        return item.source.name


class AcceptedItemsAtomFeed(AcceptedItemsFeed):
    """The same items as Atom 1.0."""

    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()


def calls_calendar(request) -> HttpResponse:
    """Deadlines of accepted calls (open, and those closed in the last 90 days) as iCalendar."""
    now = timezone.now()
    calls = (
        Item.objects.accepted()
        .calls()
        .filter(deadline__gte=now - timedelta(days=90))
        .select_related("source")
        .order_by("deadline")
    )
    calendar = Calendar()
    calendar.add("prodid", "-//Passerelles//Veille//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", _("Passerelles — dates limites des appels à projets"))
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    host = request.get_host().split(":")[0]
    events = (
        (call, suffix, timezone.localtime(when), summary)
        for call in calls
        for suffix, when, summary in call_facts.calendar_deadlines(
            call.facts, call.deadline, call.display_title
        )
    )  # one event per deadline: each stage of a staged call has its own
    for call, suffix, deadline, summary in events:
        event = Event()
        event.add("uid", f"watch-call-{call.pk}{suffix}@{host}")
        event.add("summary", summary)
        if (deadline.hour, deadline.minute) == (23, 59):
            # "Until 15 January" is a whole day in everyone's calendar.
            event.add("dtstart", deadline.date())
            event.add("dtend", deadline.date() + timedelta(days=1))
        else:
            event.add("dtstart", deadline)
            event.add("dtend", deadline + timedelta(minutes=30))
        event.add("dtstamp", call.updated_at)
        event.add("url", call.url)
        facts_text = "".join(f"{line}\n" for line in call_facts.describe(call.facts))
        event.add(
            "description",
            f"{call.source.name}\n{call.url}\n{facts_text}\n{call.summary_text[:800]}",
        )
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="appels-a-projets.ics"'
    return response
