"""Applications to a programme: recording them with their consent, closing calls, counting."""

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from resources.mentoring import emails
from resources.mentoring.choices import ApplicationState, Kind, PairingState
from resources.mentoring.models import (
    CONSENT_VERSION,
    Application,
    MentoringProgrammePage,
    Pairing,
)

FIELDS = (
    "kind",
    "name",
    "email",
    "structure",
    "role",
    "territory",
    "hours_per_month",
    "available_from",
    "available_until",
    "format",
    "capacity",
    "message",
    "public_profile",
)


def submit(programme: MentoringProgrammePage, data: dict, account=None) -> Application:
    """Store a valid application (with the consent wording's version and time), then say so.

    `account`: the logged-in applicant's account, if any. The receipt holds no typed text:
    see emails.py.
    """
    with transaction.atomic():
        application = Application.objects.create(
            programme=programme,
            account=account,
            consent_version=CONSENT_VERSION,
            consented_at=timezone.now(),
            **{name: data[name] for name in FIELDS},
        )
        application.domains.set(data["domains"])
        application.sectors.set(data["sectors"])
        emails.send_application_received(application)
    return application


def close_due_calls(now=None) -> int:
    """Mark calls whose deadline passed as closed (the form already refuses them)."""
    now = now or timezone.now()
    return MentoringProgrammePage.objects.filter(
        closed_at__isnull=True, deadline__isnull=False, deadline__lt=now
    ).update(closed_at=now)


def counts_per_programme() -> dict[int, dict[str, int]]:
    """For each programme: applications per state and kind, pairings per state (two queries)."""
    counts: dict[int, dict[str, int]] = {}

    def bucket(programme_id: int) -> dict[str, int]:
        if programme_id not in counts:
            pairing_keys = [f"pairing_{state}" for state in PairingState.values]
            keys = [*ApplicationState.values, *Kind.values, *pairing_keys]
            counts[programme_id] = dict.fromkeys(keys, 0)
        return counts[programme_id]

    rows = Application.objects.values("programme_id", "state", "kind").annotate(n=Count("pk"))
    for row in rows.order_by():
        bucket(row["programme_id"])[row["state"]] += row["n"]
        bucket(row["programme_id"])[row["kind"]] += row["n"]
    pairings = Pairing.objects.values("programme_id", "state")
    for row in pairings.annotate(n=Count("pk")).order_by():
        bucket(row["programme_id"])[f"pairing_{row['state']}"] += row["n"]
    return counts
