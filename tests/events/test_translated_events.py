"""An English event page is the same event: one capacity, one list, e-mails in English."""

import re
from html import unescape

import pytest
from django.utils import translation
from wagtail.models import Locale

from demo.english import translate
from events.models import EventPage, Registration
from tests.events.conftest import form_data, page_text, register_path
from tests.events.factories import add_event
from tests.smtp import html_part, text_part

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(db) -> Locale:
    return Locale.objects.get_or_create(language_code="en")[0]


@pytest.fixture
def en_cycle(home, agenda, cycle, english):
    translate(home, english, slug="en", title="Home")
    translate(agenda, english, slug="events", title="Events")
    return translate(cycle, english, slug="cycle", title="This season's cycle")


def _form_action(event, language: str) -> str:
    """The registration form's address as a page in `language` prints it."""
    with translation.override(language):
        return register_path(event)


def _english(event, english, **fields) -> EventPage:
    return translate(event, english, slug=f"{event.slug}-en", title=f"{event.title} (EN)", **fields)


def test_registering_on_the_english_page_takes_a_seat_of_the_french_event(
    client, cycle, en_cycle, english, register, django_capture_on_commit_callbacks
):
    event = add_event(cycle, capacity=2, title="Masterclass décors")
    translated = _english(event, english)
    register(event, "first@example.org", notify=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _form_action(translated, "en"), form_data(email="second@example.org")
        )
    assert response.status_code == 302
    [registration] = Registration.objects.filter(email="second@example.org")
    assert registration.event_id == event.pk and registration.language == "en"
    assert not Registration.objects.filter(event=translated).exists()
    # Full in both languages: the third person joins the French event's waiting list.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_form_action(translated, "en"), form_data(email="third@example.org"))
    assert Registration.objects.get(email="third@example.org").status == "waiting"
    assert EventPage.objects.get(pk=translated.pk).is_full


def test_english_agenda_lists_english_events_with_the_shared_seat_count(
    client, cycle, en_cycle, english, register
):
    event = add_event(cycle, capacity=3, title="Masterclass décors")
    _english(event, english)
    add_event(cycle, capacity=3, title="Atelier seulement en français")
    register(event, "first@example.org", notify=False)
    listing = page_text(client.get("/en/events/"))
    assert "Masterclass décors (EN)" in listing
    assert "seulement en français" not in listing
    french = page_text(client.get("/agenda/"))
    assert "Masterclass décors (EN)" not in french and "seulement en français" in french
    page = client.get(f"/en/events/cycle/{event.slug}-en/")
    assert page.status_code == 200
    assert '<html lang="en">' in page.content.decode()


def test_confirmation_e_mail_goes_out_in_the_language_of_the_page(
    client, cycle, en_cycle, english, smtp_sink, django_capture_on_commit_callbacks
):
    event = add_event(cycle, capacity=5, title="Masterclass décors")
    _english(event, english)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_form_action(event, "en"), form_data(email="ada@example.org"))
        client.post(_form_action(event, "fr"), form_data(email="camille@example.org"))
    [english_message] = smtp_sink.to("ada@example.org")
    html = html_part(english_message)
    assert '<html lang="en">' in html
    assert "Masterclass décors (EN)" in html  # the event as the person read it
    assert re.search(r"http://testserver/en/evenements/inscription/\S+", text_part(english_message))
    [french_message] = smtp_sink.to("camille@example.org")
    assert '<html lang="fr">' in html_part(french_message)
    assert "Masterclass décors (EN)" not in unescape(html_part(french_message))
