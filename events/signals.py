"""What publishing an event sets off: calendar SEQUENCE, attendees told of changes, free seats."""

import hashlib

from django.db import transaction
from django.db.models import F
from wagtail.signals import page_published

from events.models import EventPage, EventState


def calendar_fingerprint(event: EventPage) -> str:
    """What a calendar entry shows: when it changes, attendees get an update."""
    parts = [
        event.title,
        event.start.isoformat() if event.start else "",
        event.end.isoformat() if event.end else "",
        str(event.venue_id or ""),
        event.attendance_mode,
        event.online_url,
        event.status,
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def on_event_published(sender, instance: EventPage, **kwargs) -> None:
    from events import booking

    fingerprint = calendar_fingerprint(instance)
    state, _created = EventState.objects.get_or_create(event_id=instance.pk)
    changed = bool(state.calendar_fingerprint) and state.calendar_fingerprint != fingerprint
    if state.calendar_fingerprint != fingerprint:
        EventState.objects.filter(pk=instance.pk).update(
            calendar_fingerprint=fingerprint,
            ics_sequence=F("ics_sequence") + (1 if changed else 0),
        )
    if changed:
        from django_q.tasks import async_task

        transaction.on_commit(lambda: async_task("events.tasks.notify_event_change", instance.pk))
    # The capacity may have been raised: hand the new seats to the waiting list.
    booking.fill_free_seats(instance)


def connect() -> None:
    page_published.connect(on_event_published, sender=EventPage, dispatch_uid="events_published")
