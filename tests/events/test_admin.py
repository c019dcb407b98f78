"""Editors manage registrations from the Wagtail admin: counts, search, export, actions."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model

from events.choices import RegistrationMode, RegistrationStatus
from events.models import Registration, Venue
from tests.events.conftest import page_text
from tests.events.factories import add_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_superuser("editrice", "editrice@example.org", "x")
    client.force_login(user)
    return client


def _url(event) -> str:
    return f"/admin/evenements/{event.pk}/inscriptions/"


def test_event_registrations_screen_shows_counts_and_searches(editor_client, cycle, register):
    event = add_event(cycle, capacity=2)
    register(event, "ada@example.org", name="Ada Lovelace", organisation="Studio Basalte")
    register(event, "bob@example.org", name="Bob Morane")
    register(event, "cleo@example.org", name="Cléo Waiting")
    response = editor_client.get(_url(event))
    body = page_text(response)
    assert response.status_code == 200
    assert "2</strong> / 2 confirmées" in body
    assert "1</strong> en liste d’attente" in body
    searched = page_text(editor_client.get(_url(event), {"q": "basalte"}))
    assert "Ada Lovelace" in searched and "Bob Morane" not in searched


def test_csv_export_lists_registrations_and_neutralises_formulas(editor_client, cycle, register):
    event = add_event(cycle, capacity=5)
    register(event, "ada@example.org", name='=HYPERLINK("http://x")', organisation="Studio")
    response = editor_client.get(_url(event), {"export": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:2] == ["Nom", "E-mail"]
    assert rows[1][0].startswith("'=")
    assert rows[1][1] == "ada@example.org"
    assert rows[1][5] == "Confirmée"


def test_editor_adds_cancels_promotes_and_checks_in(editor_client, cycle, register):
    event = add_event(cycle, capacity=1)
    holder = register(event, "holder@example.org", name="Holder")
    response = editor_client.post(
        _url(event),
        {"action": "add", "name": "Ajout Manuel", "email": "manuel@example.org", "notify": ""},
        follow=True,
    )
    assert "Inscription de Ajout Manuel enregistrée : Liste d’attente" in page_text(response)
    added = Registration.objects.get(email="manuel@example.org")
    assert added.source == Registration.Source.EDITOR

    refused = editor_client.post(
        _url(event), {"action": "promote", "registration": added.pk}, follow=True
    )
    assert "Aucune place libre" in page_text(refused)

    editor_client.post(_url(event), {"action": "cancel", "registration": holder.pk})
    added.refresh_from_db()
    assert added.status == RegistrationStatus.CONFIRMED  # promoted automatically

    editor_client.post(_url(event), {"action": "attended", "registration": added.pk})
    added.refresh_from_db()
    assert added.attended_at is not None


def test_editor_accepts_and_declines_requests(editor_client, cycle, register):
    event = add_event(cycle, capacity=3, registration_mode=RegistrationMode.APPROVAL)
    yes = register(event, "yes@example.org")
    no = register(event, "no@example.org")
    editor_client.post(_url(event), {"action": "accept", "registration": yes.pk})
    editor_client.post(_url(event), {"action": "decline", "registration": no.pk})
    yes.refresh_from_db()
    no.refresh_from_db()
    assert (yes.status, no.status) == (RegistrationStatus.CONFIRMED, RegistrationStatus.DECLINED)


def test_registrations_need_edit_permission_on_the_event(client, cycle):
    event = add_event(cycle, capacity=3)
    user = get_user_model().objects.create_user("visiteur", "v@example.org", "x")
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get(_url(event)).status_code in (302, 403)


def test_overview_lists_events_with_counts(editor_client, cycle, register):
    event = add_event(cycle, capacity=3, title="Atelier compté")
    register(event, "a@example.org")
    response = editor_client.get("/admin/evenements/inscriptions/")
    assert "Atelier compté" in page_text(response)
    # The browser tab names the screen (it said only « - Wagtail »), as does the event's one.
    assert "<title>Inscriptions aux événements - " in response.content.decode()
    assert "<title>Inscriptions : Atelier compté - " in editor_client.get(_url(event)).text


def test_venue_snippet_and_page_button_are_in_the_admin(editor_client, cycle):
    event = add_event(cycle)
    assert editor_client.get("/admin/snippets/events/venue/").status_code == 200
    edit = page_text(editor_client.get(f"/admin/pages/{event.pk}/edit/"))
    assert _url(event) in edit
    assert Venue.objects.exists()


def test_all_registrations_listing_searches_across_events_but_never_adds_or_deletes(
    editor_client, cycle, register
):
    first = add_event(cycle, capacity=3, title="Atelier un")
    second = add_event(cycle, capacity=3, title="Atelier deux")
    ada = register(first, "ada@example.org", name="Ada Lovelace")
    register(second, "ada@example.org", name="Ada Lovelace")
    register(second, "bob@example.org", name="Bob Morane")
    from django.urls import reverse

    def url(name, *args):
        return reverse(f"events_registrations:{name}", args=args)

    listing = page_text(editor_client.get(url("index"), {"q": "ada@example"}))
    assert listing.count("Ada Lovelace") >= 2 and "Bob Morane" not in listing
    assert url("add") not in listing
    assert editor_client.get(url("add")).status_code in (302, 403)
    assert editor_client.get(url("delete", ada.pk)).status_code in (302, 403)
    assert editor_client.get(url("inspect", ada.pk)).status_code == 200
    edited = editor_client.post(
        url("edit", ada.pk),
        {"name": "Ada King", "organisation": "", "role": "", "accessibility_needs": "LSF"},
    )
    assert edited.status_code == 302
    ada.refresh_from_db()
    assert (ada.name, ada.accessibility_needs, ada.status) == ("Ada King", "LSF", "confirmed")
