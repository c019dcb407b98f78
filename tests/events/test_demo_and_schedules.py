"""The demo gives a believable season; the periodic tasks are declared."""

import io

import pytest
from django.core.management import call_command
from django_q.models import Schedule

from demo import events as demo
from demo import site as site_demo
from events.choices import RegistrationMode, RegistrationStatus
from events.models import AgendaPage, EventCyclePage, EventPage, Registration, Venue

pytestmark = pytest.mark.django_db


def test_demo_builds_two_cycles_and_is_idempotent(client):
    out = io.StringIO()
    site_demo.load(out)
    demo.load(out)

    def counts():
        return EventPage.objects.count(), Registration.objects.count(), Venue.objects.count()

    before = counts()
    demo.load(out)
    assert counts() == before

    agenda = AgendaPage.objects.get()
    assert agenda.show_in_menus
    current, previous = EventCyclePage.objects.order_by("-year")
    assert current.year == previous.year + 1
    events = EventPage.objects.child_of(current)
    assert events.count() >= 6
    assert len(set(events.values_list("format", flat=True))) >= 6
    full = [e for e in events if e.capacity and e.is_full]
    assert full and full[0].registrations.filter(status=RegistrationStatus.WAITING).exists()
    assert any(e.is_past for e in events)
    assert events.filter(registration_mode=RegistrationMode.APPROVAL).exists()
    assert all(e.is_past for e in EventPage.objects.child_of(previous))
    assert Venue.objects.exclude(accessibility="").count() == Venue.objects.count() >= 2

    response = client.get("/agenda/", HTTP_HOST="127.0.0.1:8000")
    assert response.status_code == 200


def test_reminder_and_anonymisation_schedules_are_created():
    call_command("setup_schedules", stdout=io.StringIO())
    functions = set(Schedule.objects.values_list("func", flat=True))
    assert {"events.tasks.send_reminders", "events.tasks.anonymise_registrations"} <= functions
