"""Reminder e-mails the day before, each queued once (hub.outbox delivers them)."""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from events.choices import EventStatus, RegistrationStatus
from events.emails import queue_registration_email
from events.models import Registration
from hub.models import SiteSettings

logger = logging.getLogger(__name__)


def due_reminders(now: datetime):
    hours = settings.EVENTS_REMINDER_HOURS_BEFORE
    horizon = now + timedelta(hours=hours)
    return Registration.objects.filter(
        status=RegistrationStatus.CONFIRMED,
        reminder_sent_at__isnull=True,
        anonymised_at__isnull=True,
        event__live=True,
        event__status=EventStatus.SCHEDULED,
        event__start__gt=now,
        event__start__lte=horizon,
        # Someone confirmed within the window has just had the confirmation: no reminder.
        confirmed_at__lte=F("event__start") - timedelta(hours=hours),
    )


def send_due_reminders(now: datetime | None = None) -> int:
    """Queue every due reminder; returns how many. Safe to run concurrently or twice."""
    now = now or timezone.now()
    queued = 0
    registration_ids = list(due_reminders(now).values_list("pk", flat=True))
    # Read once for the whole batch (and not at all when nothing is due).
    site_settings = SiteSettings.for_default_site() if registration_ids else None
    for registration_id in registration_ids:
        # The claim and the queued message commit together: a second worker's UPDATE matches
        # no row, and the outbox delivers (and retries) what was claimed.
        with transaction.atomic():
            claimed = Registration.objects.filter(
                pk=registration_id, reminder_sent_at__isnull=True
            ).update(reminder_sent_at=now)
            if claimed and queue_registration_email(registration_id, "reminder", site_settings):
                queued += 1
    logger.info("event=reminders_queued count=%s", queued)
    return queued
