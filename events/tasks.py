"""django-q2 entry points: thin wrappers that call the modules doing the work."""

from events.choices import ACTIVE_STATUSES, EventStatus, RegistrationStatus
from events.emails import queue_registration_email
from events.models import EventPage, Registration
from events.reminders import send_due_reminders
from events.retention import anonymise_old_registrations
from hub.models import SiteSettings


def send_reminders() -> int:
    return send_due_reminders()


def anonymise_registrations() -> int:
    return anonymise_old_registrations()


def notify_event_change(event_id: int) -> int:
    """Tell every active registrant that the event moved, changed place or was cancelled.

    Each message is queued once per calendar version: a task run twice queues nothing more."""
    event = EventPage.objects.filter(pk=event_id).first()
    if event is None:
        return 0
    kind = "event_cancelled" if event.status == EventStatus.CANCELLED else "event_updated"
    registrations = Registration.objects.filter(
        event_id=event_id, status__in=ACTIVE_STATUSES, anonymised_at__isnull=True
    )
    if kind == "event_updated":
        # A change only matters to people holding a seat; cancellations go to everyone.
        registrations = registrations.filter(status=RegistrationStatus.CONFIRMED)
    registration_ids = list(registrations.values_list("pk", flat=True))
    if not registration_ids:
        return 0
    site_settings = SiteSettings.for_default_site()  # read once for every message
    return sum(queue_registration_email(pk, kind, site_settings) for pk in registration_ids)
