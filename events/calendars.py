"""iCalendar files: one event, a registration's own entry, and feeds (agenda, cycle).

Times are written in UTC (…Z), which Outlook, Google and Apple calendars all read without a
VTIMEZONE. UIDs never change for an event or a registration; SEQUENCE grows with each change
of date, place or status, so calendars replace the entry instead of duplicating it.
"""

from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from events.calendar_links import utc
from events.choices import EventStatus
from events.models import EventPage, EventState, Registration

PRODID = "-//Passerelles//Agenda des industries créatives//FR"


def _host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "passerelles.localhost"


def event_uid(event: EventPage) -> str:
    return f"event-{event.pk}@{_host()}"


def registration_uid(registration: Registration) -> str:
    return f"registration-{registration.uuid}@{_host()}"


def event_sequence(event: EventPage) -> int:
    # Listings prefetch nothing here: a missing state row simply means "never changed".
    try:
        return event.state.ics_sequence
    except EventState.DoesNotExist:
        return 0


def _calendar(name: str | None = None) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
        calendar.add("x-wr-timezone", settings.TIME_ZONE)
        # Subscribed feeds: ask clients to refresh hourly.
        calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", "PT1H")
    return calendar


def _vevent(
    event: EventPage,
    *,
    uid: str,
    sequence: int,
    cancelled: bool = False,
    private_details: str = "",
) -> Event:
    vevent = Event()
    vevent.add("uid", uid)
    vevent.add("dtstamp", utc(timezone.now()))
    vevent.add("dtstart", utc(event.start))
    vevent.add("dtend", utc(event.end or event.start))
    vevent.add("sequence", sequence)
    vevent.add("summary", event.title)
    description = event.summary
    url = event.full_url or ""
    vevent.add(
        "description", "\n\n".join(part for part in (description, private_details, url) if part)
    )
    vevent.add("location", event.calendar_location())
    if url:
        vevent.add("url", url)
    if event.venue_id and event.venue.latitude is not None and event.venue.longitude is not None:
        vevent.add("geo", (float(event.venue.latitude), float(event.venue.longitude)))
    if cancelled or event.status == EventStatus.CANCELLED:
        vevent.add("status", "CANCELLED")
    elif event.status == EventStatus.POSTPONED:
        vevent.add("status", "TENTATIVE")
    else:
        vevent.add("status", "CONFIRMED")
    vevent.add("transp", "OPAQUE")
    vevent.add("categories", [event.get_format_display()])
    return vevent


def event_ics(event: EventPage) -> bytes:
    """The public .ics of one event (download, "add to calendar")."""
    calendar = _calendar()
    calendar.add_component(_vevent(event, uid=event_uid(event), sequence=event_sequence(event)))
    return calendar.to_ical()


def feed_ics(events, name: str) -> bytes:
    """A subscribable feed of events (upcoming agenda, one cycle)."""
    calendar = _calendar(name)
    for event in events:
        calendar.add_component(_vevent(event, uid=event_uid(event), sequence=event_sequence(event)))
    return calendar.to_ical()


def registration_ics(registration: Registration, *, cancelled: bool = False) -> bytes:
    """The attendee's own entry: its UID is per registration, so cancelling removes only theirs."""
    event = registration.event
    private = ""
    if event.online_url and event.is_online and not cancelled:
        private = _("Lien de connexion : %(url)s") % {"url": event.online_url}
    calendar = _calendar()
    calendar.add_component(
        _vevent(
            event,
            uid=registration_uid(registration),
            sequence=event_sequence(event) + registration.ics_sequence_offset,
            cancelled=cancelled,
            private_details=private,
        )
    )
    return calendar.to_ical()
