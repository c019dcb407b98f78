"""Seats, waiting list, promotion and approval, through the booking module."""

import pytest
from django.core import mail

from events import booking
from events.choices import RegistrationMode, RegistrationStatus
from events.models import Registration
from tests.events.factories import add_event

pytestmark = pytest.mark.django_db


def test_open_event_confirms_while_seats_remain_then_fills_waiting_list_in_order(cycle, register):
    event = add_event(cycle, capacity=2)
    first = register(event, "a@example.org")
    second = register(event, "b@example.org")
    third = register(event, "c@example.org")
    fourth = register(event, "d@example.org")
    assert [r.status for r in (first, second, third, fourth)] == [
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITING,
        RegistrationStatus.WAITING,
    ]
    assert third.waiting_position() == 1
    assert fourth.waiting_position() == 2


def test_full_event_without_waiting_list_refuses_with_a_french_message(cycle, register):
    event = add_event(cycle, capacity=1, waiting_list_enabled=False)
    register(event, "a@example.org")
    with pytest.raises(booking.RegistrationRefused, match="complet"):
        register(event, "b@example.org")


def test_same_email_cannot_take_two_seats_whatever_its_case(cycle, register):
    event = add_event(cycle, capacity=5)
    register(event, "Ada@Example.org")
    with pytest.raises(booking.RegistrationRefused, match="déjà inscrite"):
        register(event, " ada@example.ORG ")
    assert Registration.objects.filter(event=event).count() == 1


def test_cancelled_person_may_register_again(cycle, register):
    event = add_event(cycle, capacity=5)
    booking.cancel(register(event, "ada@example.org"))
    again = register(event, "ada@example.org")
    assert again.status == RegistrationStatus.CONFIRMED


def test_cancelling_a_seat_promotes_the_first_person_waiting_and_tells_them(
    cycle, register, django_capture_on_commit_callbacks
):
    event = add_event(cycle, capacity=1)
    holder = register(event, "holder@example.org")
    first_waiting = register(event, "first@example.org")
    second_waiting = register(event, "second@example.org")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        promoted = booking.cancel(holder)

    assert [r.pk for r in promoted] == [first_waiting.pk]
    first_waiting.refresh_from_db()
    second_waiting.refresh_from_db()
    assert first_waiting.status == RegistrationStatus.CONFIRMED
    assert second_waiting.status == RegistrationStatus.WAITING
    assert second_waiting.waiting_position() == 1
    subjects = {m.to[0].split("<")[-1].rstrip(">"): m.subject for m in mail.outbox}
    assert subjects["first@example.org"].startswith("Une place s’est libérée")
    assert subjects["holder@example.org"].startswith("Inscription annulée")


def test_cancelling_a_waiting_person_promotes_nobody(cycle, register):
    event = add_event(cycle, capacity=1)
    register(event, "holder@example.org")
    waiting = register(event, "w1@example.org")
    other = register(event, "w2@example.org")
    assert booking.cancel(waiting) == []
    other.refresh_from_db()
    assert other.status == RegistrationStatus.WAITING


def test_raising_the_capacity_hands_new_seats_to_the_waiting_list(cycle, register):
    event = add_event(cycle, capacity=1)
    register(event, "holder@example.org")
    waiting = register(event, "waiting@example.org")
    event.capacity = 2
    event.save_revision().publish()
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED


def test_on_approval_requests_wait_for_an_editor_who_accepts_or_declines(
    cycle, register, django_capture_on_commit_callbacks
):
    event = add_event(cycle, capacity=1, registration_mode=RegistrationMode.APPROVAL)
    first = register(event, "first@example.org")
    second = register(event, "second@example.org")
    third = register(event, "third@example.org")
    assert {first.status, second.status, third.status} == {RegistrationStatus.PENDING}
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert booking.accept(first).status == RegistrationStatus.CONFIRMED
        # No seat left: an accepted request joins the waiting list rather than overbooking.
        assert booking.accept(second).status == RegistrationStatus.WAITING
        assert booking.decline(third).status == RegistrationStatus.DECLINED
    subjects = sorted(message.subject for message in mail.outbox)
    assert subjects[0].startswith("Demande acceptée")
    assert subjects[1].startswith("Demande d’inscription non retenue")
    assert subjects[2].startswith("Liste d’attente")


def test_editor_promotion_refused_when_no_seat_is_free(cycle, register):
    event = add_event(cycle, capacity=1)
    register(event, "holder@example.org")
    waiting = register(event, "waiting@example.org")
    with pytest.raises(booking.RegistrationRefused, match="Aucune place libre"):
        booking.promote(waiting)
    event.capacity = 3
    event.save()  # saved without publishing: no automatic promotion, the editor decides
    assert booking.promote(waiting).status == RegistrationStatus.CONFIRMED


def test_registration_refused_before_opening_and_after_closing(cycle, register):
    from datetime import timedelta

    from django.utils import timezone

    not_yet = add_event(cycle, registration_opens_at=timezone.now() + timedelta(days=1))
    closed = add_event(cycle, registration_closes_at=timezone.now() - timedelta(hours=1))
    past = add_event(cycle, days_ahead=-3)
    for event in (not_yet, closed, past):
        assert not event.registration_is_open
        with pytest.raises(booking.RegistrationRefused, match="ne sont pas ouvertes"):
            register(event, "ada@example.org")


def test_check_in_marks_only_confirmed_people_present(cycle, register):
    event = add_event(cycle, capacity=1)
    confirmed = register(event, "a@example.org")
    waiting = register(event, "b@example.org")
    assert booking.mark_attended(confirmed).attended_at is not None
    with pytest.raises(booking.RegistrationRefused):
        booking.mark_attended(waiting)


def test_page_cache_is_purged_when_an_event_becomes_full_or_frees_a_seat(
    cycle, register, django_capture_on_commit_callbacks
):
    from hub.cache import generation

    event = add_event(cycle, capacity=2, waiting_list_enabled=False)
    with django_capture_on_commit_callbacks(execute=True):
        register(event, "a@example.org")
    before = generation()
    with django_capture_on_commit_callbacks(execute=True):
        last_seat = register(event, "b@example.org")  # now full
    assert generation() == before + 1
    with django_capture_on_commit_callbacks(execute=True):
        booking.cancel(last_seat)  # a seat is free again
    assert generation() == before + 2


def test_a_registration_and_its_email_are_stored_together_or_not_at_all(cycle, register):
    from django.db import transaction

    from events.emails import send_registration_email
    from hub.models.outbox import OutgoingEmail

    event = add_event(cycle, capacity=1, title="Atelier lumière")
    with pytest.raises(RuntimeError), transaction.atomic():
        register(event, "ada@example.org")
        raise RuntimeError("the request failed after the seat was taken")
    assert not Registration.objects.exists()
    assert not OutgoingEmail.objects.exists()  # rolled back with the seat: nothing to send

    # No on-commit hook runs in this test: the message is in the outbox all the same.
    registration = register(event, "ada@example.org")
    [row] = OutgoingEmail.objects.all()
    assert row.key == f"events:confirmed:{registration.pk}:{registration.confirmed_at.isoformat()}"
    assert row.category == "events.confirmed"
    assert row.subject == "Inscription confirmée : Atelier lumière"
    assert [a["filename"] for a in row.attachments] == ["evenement.ics"]

    send_registration_email(registration.pk, "confirmed")  # a queued task run again
    waiting = register(event, "noe@example.org")
    assert OutgoingEmail.objects.filter(key__contains=f":{registration.pk}:").count() == 1
    assert OutgoingEmail.objects.get(key__startswith=f"events:waiting:{waiting.pk}:").subject == (
        "Liste d’attente : Atelier lumière"
    )


def test_someone_already_in_a_full_event_without_waiting_list_is_told_so(cycle, register):
    event = add_event(cycle, capacity=1, waiting_list_enabled=False)
    register(event, "ada@example.org")
    with pytest.raises(booking.RegistrationRefused, match="déjà inscrite"):
        register(event, "ada@example.org")
    with pytest.raises(booking.RegistrationRefused, match="complet"):
        register(event, "noe@example.org")
