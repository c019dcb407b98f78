"""Links that add an event to Google Calendar or Outlook on the web, built from its fields.

Pure helpers over an event-like object: the event page's model offers them to its template
without importing the calendar files module, which itself reads the models.
"""

from datetime import UTC, datetime
from urllib.parse import urlencode

from django.conf import settings
from django.utils.html import strip_tags


def utc(value: datetime) -> datetime:
    return value.astimezone(UTC)


def google_calendar_url(event) -> str:
    """A link that opens Google Calendar's "new event" form, pre-filled."""
    fmt = "%Y%m%dT%H%M%SZ"
    dates = f"{utc(event.start).strftime(fmt)}/{utc(event.end or event.start).strftime(fmt)}"
    query = urlencode(
        {
            "action": "TEMPLATE",
            "text": event.title,
            "dates": dates,
            "details": f"{strip_tags(event.summary)}\n{event.full_url or ''}".strip(),
            "location": event.calendar_location(),
            "ctz": settings.TIME_ZONE,
        }
    )
    return f"https://calendar.google.com/calendar/render?{query}"


def outlook_calendar_url(event) -> str:
    """A link that opens Outlook on the web's "new event" form, pre-filled."""
    query = urlencode(
        {
            "path": "/calendar/action/compose",
            "rru": "addevent",
            "subject": event.title,
            "startdt": utc(event.start).isoformat(),
            "enddt": utc(event.end or event.start).isoformat(),
            "body": strip_tags(event.summary),
            "location": event.calendar_location(),
        }
    )
    return f"https://outlook.live.com/calendar/0/deeplink/compose?{query}"
