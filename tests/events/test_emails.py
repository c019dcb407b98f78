"""E-mails received by a real SMTP server, parsed back; the links they carry work."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from events import reminders, tokens
from events.choices import EventStatus, RegistrationStatus
from events.models import Registration
from hub import outbox
from tests.events.conftest import form_data, page_text, register_path
from tests.events.factories import add_event
from tests.smtp import html_part, text_part

pytestmark = pytest.mark.django_db


def _ics(message) -> Calendar:
    attachments = [part for part in message.iter_attachments() if part.get_filename()]
    assert [part.get_filename() for part in attachments] == ["evenement.ics"]
    assert attachments[0].get_content_type() == "text/calendar"
    return Calendar.from_ical(attachments[0].get_content())


def _subject(message) -> str:
    # Encoded-word headers come back with the folding space in front.
    return str(message["Subject"]).strip()


def _link(text: str, path_fragment: str) -> str:
    match = re.search(rf"http://testserver(/\S*{path_fragment}\S*)", text)
    assert match, f"no link containing {path_fragment!r}"
    return match.group(1)


def test_registering_on_the_page_sends_a_confirmation_with_calendar_and_cancel_link(
    client, cycle, smtp_sink, django_capture_on_commit_callbacks
):
    event = add_event(cycle, capacity=10, title="Atelier écoconception des décors")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(register_path(event), form_data(email="camille@example.org"))
    assert response.status_code == 302
    status_page = client.get(response["Location"])
    assert "Votre place est réservée" in page_text(status_page)

    [message] = smtp_sink.to("camille@example.org")
    assert _subject(message) == "Inscription confirmée : Atelier écoconception des décors"
    text, html = text_part(message), html_part(message)
    assert "Atelier écoconception des décors" in text and "heure de Paris" in text
    assert "<h1" in html and "Atelier écoconception des décors" in html
    assert "Tram A" in text  # how to get there travels with the confirmation

    calendar = _ics(message)
    assert str(calendar["METHOD"]) == "PUBLISH"
    [vevent] = calendar.walk("VEVENT")
    registration = Registration.objects.get()
    assert str(vevent["UID"]) == f"registration-{registration.uuid}@testserver"
    assert vevent["DTSTAMP"] is not None
    assert vevent.decoded("DTSTART") == event.start.replace(microsecond=0)
    assert vevent.decoded("DTSTART").utcoffset() == timedelta(0)
    assert int(vevent["SEQUENCE"]) == 0

    cancel_path = _link(text, "/annuler/")
    assert cancel_path in html


def test_cancel_link_asks_first_then_cancels_on_post_and_promotes_the_next_person(
    client, cycle, smtp_sink, register, django_capture_on_commit_callbacks
):
    event = add_event(cycle, capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        register(event, "holder@example.org", name="Ada Holder")
        waiting = register(event, "next@example.org", name="Noé Suivant")
    [confirmation] = smtp_sink.to("holder@example.org")
    cancel_path = _link(text_part(confirmation), "/annuler/")

    page = client.get(cancel_path)
    assert page.status_code == 200
    assert "Oui, annuler mon inscription" in page_text(page)
    assert Registration.objects.get(email="holder@example.org").status == "confirmed"

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(cancel_path)
    assert "votre inscription est annulée" in page_text(done)
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED

    cancelled_mail = smtp_sink.to("holder@example.org")[-1]
    assert _subject(cancelled_mail).startswith("Inscription annulée")
    [cancel_event] = _ics(cancelled_mail).walk("VEVENT")
    assert str(cancel_event["STATUS"]) == "CANCELLED"
    assert int(cancel_event["SEQUENCE"]) == 1  # higher than the confirmation's 0

    promoted_mail = smtp_sink.to("next@example.org")[-1]
    assert _subject(promoted_mail).startswith("Une place s’est libérée")
    assert _ics(promoted_mail).walk("VEVENT")

    again = client.post(cancel_path)
    assert "déjà annulée" in page_text(again)


def test_tampered_or_expired_cancel_links_get_a_french_explanation(
    client, cycle, register, settings
):
    event = add_event(cycle, capacity=3)
    registration = register(event, "ada@example.org")
    token = tokens.make_token(registration)
    tampered = client.get(f"/evenements/inscription/{token}x/annuler/")
    assert tampered.status_code == 400
    assert "n’est pas valide" in page_text(tampered)

    settings.EVENTS_CANCEL_LINK_MAX_AGE_DAYS = -1
    expired = client.post(f"/evenements/inscription/{token}/annuler/")
    assert expired.status_code == 400
    assert "a expiré" in page_text(expired)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED


def test_waiting_list_mail_gives_the_position(
    cycle, smtp_sink, register, django_capture_on_commit_callbacks
):
    event = add_event(cycle, capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        register(event, "a@example.org")
        register(event, "b@example.org")
        register(event, "c@example.org")
    message = smtp_sink.to("c@example.org")[0]
    assert _subject(message).startswith("Liste d’attente")
    assert "position 2" in text_part(message)
    assert not [part for part in message.iter_attachments() if part.get_filename()]


def test_reminder_is_sent_once_the_day_before(
    cycle, smtp_sink, register, django_capture_on_commit_callbacks
):
    event = add_event(cycle, capacity=5, days_ahead=3)
    registration = register(event, "ada@example.org", notify=False)
    assert reminders.send_due_reminders(now=timezone.now()) == 0  # too early

    the_day_before = event.start - timedelta(hours=20)
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.send_due_reminders(now=the_day_before) == 1
        assert reminders.send_due_reminders(now=the_day_before + timedelta(minutes=30)) == 0
    [message] = smtp_sink.to("ada@example.org")
    assert _subject(message).startswith("Rappel")
    assert _ics(message).walk("VEVENT")
    registration.refresh_from_db()
    assert registration.reminder_sent_at is not None


def test_reminder_refused_for_a_while_is_retried_by_the_outbox_and_sent_once(
    cycle, smtp_sink, register, settings, django_capture_on_commit_callbacks
):
    settings.OUTBOX_RETRY_SECONDS = 0  # the retry is due at once
    event = add_event(cycle, capacity=5, days_ahead=3)
    register(event, "ada@example.org", notify=False)
    smtp_sink.handler.refuse["ada@example.org"] = "451 try again later"
    the_day_before = event.start - timedelta(hours=20)
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.send_due_reminders(now=the_day_before) == 1
    assert smtp_sink.to("ada@example.org") == []
    del smtp_sink.handler.refuse["ada@example.org"]
    assert reminders.send_due_reminders(now=the_day_before) == 0  # queued once, not again
    outbox.send_due()
    outbox.send_due()
    [message] = smtp_sink.to("ada@example.org")
    assert _subject(message).startswith("Rappel")


def test_moving_an_event_sends_an_update_with_a_higher_sequence(
    cycle, smtp_sink, register, django_capture_on_commit_callbacks
):
    event = add_event(cycle, capacity=5)
    register(event, "ada@example.org", notify=False)
    event.start += timedelta(days=1)
    event.end += timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()
    [update] = smtp_sink.to("ada@example.org")
    assert _subject(update).startswith("Changement")
    [vevent] = _ics(update).walk("VEVENT")
    assert int(vevent["SEQUENCE"]) == 1
    assert vevent.decoded("DTSTART") == event.start.replace(microsecond=0)

    event.status = EventStatus.CANCELLED
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()
    cancelled = smtp_sink.to("ada@example.org")[-1]
    assert _subject(cancelled).startswith("Événement annulé")
    [vevent] = _ics(cancelled).walk("VEVENT")
    assert int(vevent["SEQUENCE"]) == 2
    assert str(vevent["STATUS"]) == "CANCELLED"


def test_mail_server_failure_keeps_the_registration(
    client, cycle, smtp_sink, django_capture_on_commit_callbacks
):
    event = add_event(cycle, capacity=5)
    smtp_sink.handler.refuse["ada@example.org"] = "550 mailbox unavailable"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(register_path(event), form_data(email="ada@example.org"))
    assert response.status_code == 302
    assert Registration.objects.get().status == RegistrationStatus.CONFIRMED


def test_registration_pages_are_never_cached(client, cycle, register):
    registration = register(add_event(cycle, capacity=3), "ada@example.org")
    token = tokens.make_token(registration)
    for path in (f"/evenements/inscription/{token}/", f"/evenements/inscription/{token}/annuler/"):
        assert "no-store" in client.get(path)["Cache-Control"]
