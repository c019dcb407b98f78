"""Personal data of long-past events is anonymised; statistics stay; old links die."""

from datetime import timedelta

import pytest

from events import booking, retention, tokens
from events.models import Registration
from tests.events.factories import add_event

pytestmark = pytest.mark.django_db


def test_old_registrations_are_anonymised_and_recent_ones_kept(cycle, register, settings, client):
    settings.EVENTS_REGISTRATION_RETENTION_DAYS = 30
    old_event = add_event(cycle, capacity=5, days_ahead=2)
    old = register(old_event, "ancien@example.org", name="Ancien Participant", organisation="X")
    booking.mark_attended(old)
    old_token = tokens.make_token(old)
    recent_event = add_event(cycle, capacity=5, days_ahead=5)
    recent = register(recent_event, "recent@example.org")

    later = old_event.end + timedelta(days=31)
    assert later < recent_event.end + timedelta(days=30)
    assert retention.anonymise_old_registrations(now=later) == 1
    assert retention.anonymise_old_registrations(now=later) == 0  # idempotent

    old.refresh_from_db()
    assert (old.name, old.email, old.organisation) == ("Personne anonymisée", "", "")
    assert old.attended_at is not None and old.status == "confirmed"
    assert client.get(f"/evenements/inscription/{old_token}/").status_code == 400
    recent.refresh_from_db()
    assert recent.email == "recent@example.org"
    assert Registration.objects.filter(anonymised_at__isnull=False).count() == 1
