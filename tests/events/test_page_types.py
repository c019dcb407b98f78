"""Where event pages may live, and that editors can create them through the admin form."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from events.models import AgendaPage, EventCyclePage, EventPage
from hub.models import HomePage, StandardPage
from tests.events.factories import VenueFactory
from tests.factories import ThemeFactory

pytestmark = pytest.mark.django_db


def test_page_tree_rules():
    assert AgendaPage.allowed_parent_page_models() == [HomePage]
    assert set(AgendaPage.allowed_subpage_models()) == {EventCyclePage, EventPage}
    assert set(EventPage.allowed_parent_page_models()) == {EventCyclePage, AgendaPage}
    assert EventPage.allowed_subpage_models() == []
    assert StandardPage not in EventCyclePage.allowed_subpage_models()


def test_editor_creates_and_publishes_an_event_from_the_admin(client, cycle):
    client.force_login(get_user_model().objects.create_superuser("ed", "ed@example.org", "x"))
    venue = VenueFactory()
    theme = ThemeFactory(name="Transition écologique")
    start = timezone.localtime(timezone.now() + timedelta(days=9)).replace(second=0, microsecond=0)
    data = nested_form_data(
        {
            "title": "Atelier réemploi des costumes",
            "slug": "atelier-reemploi-costumes",
            "format": "workshop",
            "status": "scheduled",
            "status_note": "",
            "start": start.strftime("%Y-%m-%d %H:%M"),
            "end": (start + timedelta(hours=3)).strftime("%Y-%m-%d %H:%M"),
            "attendance_mode": "in_person",
            "venue": venue.pk,
            "online_url": "",
            "intro": rich_text("<p>Apprendre à recoudre et transformer.</p>"),
            "body": streamfield([]),
            "speakers": inline_formset([{"name": "Aïcha Benali", "role": "Costumière", "bio": ""}]),
            "registration_mode": "open",
            "external_registration_url": "",
            "capacity": "15",
            "waiting_list_enabled": "on",
            "registration_opens_at": "",
            "registration_closes_at": "",
            "price": "",
            "price_details": "",
            "action-publish": "publish",
        }
    )
    data["themes"] = [theme.pk]  # a multiple-choice field: several values under one name
    response = client.post(f"/admin/pages/add/events/eventpage/{cycle.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    event = EventPage.objects.get(slug="atelier-reemploi-costumes")
    assert event.live and event.capacity == 15
    assert event.start == start
    assert list(event.themes.all()) == [theme]
    assert event.registration_is_open


def test_end_before_start_is_refused_in_french(cycle):
    from django.core.exceptions import ValidationError

    start = timezone.now() + timedelta(days=3)
    event = EventPage(title="x", slug="x", start=start, end=start - timedelta(hours=1))
    with pytest.raises(ValidationError, match="La fin doit être postérieure au début"):
        event.clean()
