"""Personal data retention: registrations of long-past events lose everything personal."""

import logging
import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Registration

logger = logging.getLogger(__name__)
BATCH = 500


def retention_days() -> int:
    return settings.EVENTS_REGISTRATION_RETENTION_DAYS


def anonymise_old_registrations(now: datetime | None = None) -> int:
    """Anonymise registrations of events that ended more than the retention period ago.

    Statuses and check-ins stay, for attendance statistics; the new uuid kills old links.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(days=retention_days())
    done = 0
    while True:
        batch = list(
            Registration.objects.filter(event__end__lt=cutoff, anonymised_at__isnull=True)
            .only("pk")
            .order_by("pk")[:BATCH]
        )
        if not batch:
            break
        for registration in batch:
            registration.uuid = uuid.uuid4()
            registration.name = _("Personne anonymisée")
            registration.email = ""
            registration.email_normalised = ""
            registration.organisation = ""
            registration.role = ""
            registration.accessibility_needs = ""
            registration.anonymised_at = now
        Registration.objects.bulk_update(
            batch,
            [
                "uuid",
                "name",
                "email",
                "email_normalised",
                "organisation",
                "role",
                "accessibility_needs",
                "anonymised_at",
            ],
        )
        done += len(batch)
    logger.info("event=registrations_anonymised count=%s", done)
    return done
