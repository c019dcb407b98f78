"""The transactional outbox against a real SMTP server: nothing lost, nothing sent twice."""

import io
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from events import booking
from events.models import Registration
from hub import outbox
from hub.models import OutgoingEmail
from tests.events.factories import add_agenda, add_cycle, add_event
from tests.smtp import free_port, text_part

pytestmark = pytest.mark.django_db
LISTING = "/admin/courriels/"


def _message(to="ada@example.org", subject="Bonjour", cc=()) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=subject,
        body="Texte",
        from_email="Passerelles <ne-pas-repondre@passerelles.test>",
        to=[f"Ada <{to}>"],
        cc=list(cc),
        reply_to=["equipe@passerelles.test"],
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative("<p>Texte</p>", "text/html")
    message.attach("evenement.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")
    message.attach("logo.png", b"\x89PNG\r\n\x1a\n\x00\xff", "image/png")
    return message


def _enqueue(key="test:1", **kwargs) -> OutgoingEmail:
    return outbox.enqueue(_message(**kwargs), key=key, category="test")


@pytest.fixture
def event(home):
    return add_event(add_cycle(add_agenda(home)), capacity=5, title="Atelier son et lumière")


def test_registration_while_the_mail_server_is_down_is_confirmed_once_it_is_back(
    event, smtp_sink, settings, django_capture_on_commit_callbacks
):
    settings.OUTBOX_RETRY_SECONDS = 0  # the retry is due at once: no waiting in a test
    settings.EMAIL_PORT = free_port()  # nothing listens there: the mail server is down
    with django_capture_on_commit_callbacks(execute=True):
        booking.register(event, booking.Applicant(name="Camille", email="camille@example.org"))
    assert Registration.objects.get().status == "confirmed"
    row = OutgoingEmail.objects.get()
    assert (row.status, row.attempts, row.category) == ("pending", 1, "events.confirmed")
    assert row.last_error and "camille" not in row.last_error

    settings.EMAIL_PORT = smtp_sink.port  # the server is back
    assert outbox.send_due() == 1
    # The minute schedule again, and the registration's task run a second time by the broker.
    assert outbox.send_due() == 0
    outbox.send_task(row.pk)
    with django_capture_on_commit_callbacks(execute=True):
        from events.emails import send_registration_email

        send_registration_email(Registration.objects.get().pk, "confirmed")

    [message] = smtp_sink.to("camille@example.org")
    assert str(message["Subject"]).strip() == "Inscription confirmée : Atelier son et lumière"
    [ics] = [part for part in message.iter_attachments() if part.get_filename()]
    assert ics.get_filename() == "evenement.ics" and ics.get_content_type() == "text/calendar"
    assert "BEGIN:VEVENT" in ics.get_content()
    row.refresh_from_db()
    assert row.status == "sent" and row.sent_at and row.last_error == ""
    assert message["Message-ID"] == row.message_id
    assert OutgoingEmail.objects.count() == 1


def test_the_same_key_is_stored_once_and_a_task_run_twice_sends_once(
    smtp_sink, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = _enqueue()
        again = _enqueue(subject="Autre chose")
    assert again.pk == first.pk and again.subject == "Bonjour"
    outbox.send_task(first.pk)
    outbox.send_due()
    assert len(smtp_sink.messages) == 1


def test_a_second_enqueue_with_the_same_key_and_message_id_schedules_no_second_send(
    django_capture_on_commit_callbacks,
):
    message = _message()
    message.extra_headers["Message-ID"] = "<fixe@passerelles.test>"
    with django_capture_on_commit_callbacks() as callbacks:
        outbox.enqueue(message, key="test:fixed", category="test")
        outbox.enqueue(message, key="test:fixed", category="test")
    assert len(callbacks) == 1
    assert OutgoingEmail.objects.filter(key="test:fixed").count() == 1


def test_rebuilt_message_keeps_bodies_alternatives_attachments_and_headers(
    smtp_sink, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        row = _enqueue(cc=["copie@example.org"])
    [message] = smtp_sink.messages
    assert text_part(message) == "Texte"
    assert "<p>Texte</p>" in message.get_body(preferencelist=("html",)).get_content()
    assert message["Reply-To"] == "equipe@passerelles.test"
    assert message["Cc"] == "copie@example.org"
    assert message["Auto-Submitted"] == "auto-generated"
    assert message["Message-ID"] == row.message_id
    attachments = {part.get_filename(): part for part in message.iter_attachments()}
    assert attachments["logo.png"].get_content() == b"\x89PNG\r\n\x1a\n\x00\xff"
    assert "VCALENDAR" in attachments["evenement.ics"].get_content()


def test_nothing_leaves_when_the_callers_transaction_rolls_back(smtp_sink):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        _enqueue()
        raise RuntimeError("the registration failed")
    assert OutgoingEmail.objects.count() == 0
    outbox.send_due()
    assert smtp_sink.messages == []


def test_only_one_of_two_workers_claims_a_message():
    row = _enqueue()
    first, second = outbox.claim(row.pk), outbox.claim(row.pk)
    assert first and second == ""
    assert outbox.deliver(row.pk) == ""  # a third worker, or the task run again: nothing to send
    assert OutgoingEmail.objects.get(pk=row.pk).claim_token == first


def test_a_claim_held_by_a_dead_worker_is_taken_over_after_the_lease(smtp_sink, settings):
    dead = _enqueue(key="test:dead")
    busy = _enqueue(key="test:busy", to="bob@example.org")
    long_ago = timezone.now() - timedelta(seconds=settings.OUTBOX_LEASE_SECONDS + 1)
    OutgoingEmail.objects.filter(pk=dead.pk).update(status="sending", claimed_at=long_ago)
    OutgoingEmail.objects.filter(pk=busy.pk).update(status="sending", claimed_at=timezone.now())
    assert outbox.send_due() == 1
    assert [str(m["To"]) for m in smtp_sink.messages] == ["Ada <ada@example.org>"]
    assert OutgoingEmail.objects.get(pk=busy.pk).status == "sending"  # its worker still has it


def test_a_temporary_refusal_is_retried_later_with_a_growing_wait(smtp_sink, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 3
    smtp_sink.handler.refuse["ada@example.org"] = "451 4.3.0 try again later"
    row = _enqueue()
    waits = []
    for _attempt in range(3):
        OutgoingEmail.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
        before = timezone.now()
        outbox.send_due()
        row.refresh_from_db()
        waits.append(round((row.next_attempt_at - before).total_seconds() / 60))
    assert waits[:2] == [1, 2]  # one minute, then two
    assert row.status == "failed" and row.attempts == 3
    assert row.last_error.startswith("451") and "ada@" not in row.last_error
    assert smtp_sink.messages == []


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_user("mona", "mona@passerelles.test", "x")
    group = Group.objects.create(name="Rédaction")
    group.permissions.add(
        *Permission.objects.filter(
            codename__in=["access_admin", "view_outgoingemail", "change_outgoingemail"]
        )
    )
    user.groups.add(group)
    client.force_login(user)
    return client


def test_a_refused_address_fails_is_listed_with_its_error_and_resend_delivers_it(
    editor, smtp_sink, django_capture_on_commit_callbacks
):
    smtp_sink.handler.refuse["ada@example.org"] = "550 5.1.1 mailbox unavailable"
    with django_capture_on_commit_callbacks(execute=True):
        row = _enqueue(subject="Inscription confirmée : Atelier")
    row.refresh_from_db()
    assert row.status == "failed" and row.attempts == 1  # a 5xx is not retried
    assert "550 5.1.1 mailbox unavailable" in row.last_error

    listing = editor.get(LISTING, {"status": "failed"}).content.decode()
    assert "Inscription confirmée : Atelier" in listing
    assert "550 5.1.1 mailbox unavailable" in listing
    assert "Échec (1)" in listing  # the filter tells how many
    assert "Renvoyer" in listing

    del smtp_sink.handler.refuse["ada@example.org"]
    resend = f"/admin/bulk/hub/outgoingemail/resend/?id={row.pk}"
    confirm = editor.get(resend)
    assert "Oui, renvoyer" in confirm.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(resend)
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.status == "sent"
    [message] = smtp_sink.to("ada@example.org")
    assert message["Message-ID"] == row.message_id


def test_resend_leaves_sent_messages_alone(editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        row = _enqueue()
    assert len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        editor.post(f"/admin/bulk/hub/outgoingemail/resend/?id={row.pk}")
    assert len(mail.outbox) == 1


def test_dashboard_tells_editors_about_failures(editor):
    row = _enqueue()
    assert "Courriels en échec" not in editor.get("/admin/").content.decode()
    OutgoingEmail.objects.filter(pk=row.pk).update(status="failed", last_error="550 refusé")
    assert "1 courriel transactionnel n’a pas pu partir" in editor.get("/admin/").content.decode()


def test_listing_is_for_editors_only(client, editor):
    row = _enqueue(subject="Votre candidature")
    OutgoingEmail.objects.filter(pk=row.pk).update(status="failed")
    assert editor.get(LISTING).status_code == 200
    client.logout()
    anonymous = client.get(LISTING)
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]
    stranger = get_user_model().objects.create_user("bob", "bob@example.org", "x")
    stranger.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(stranger)
    denied = client.get(LISTING)
    assert denied.status_code == 302 and "Votre candidature" not in denied.content.decode()
    client.post(f"/admin/bulk/hub/outgoingemail/resend/?id={row.pk}")
    assert OutgoingEmail.objects.get(pk=row.pk).status == "failed"  # not re-queued by a stranger


def test_listing_and_search_keep_a_flat_query_count(editor, django_assert_max_num_queries):
    for number in range(30):
        _enqueue(key=f"test:{number}", subject=f"Message {number}")
    with django_assert_max_num_queries(25):
        response = editor.get(LISTING)
    assert response.content.decode().count("Message ") >= 30
    found = editor.get(LISTING, {"q": "Message 17"}).content.decode()
    assert "Message 17" in found and "Message 18" not in found


def test_old_messages_are_purged(settings):
    row = _enqueue()
    OutgoingEmail.objects.filter(pk=row.pk).update(
        status="sent",
        created_at=timezone.now() - timedelta(days=settings.OUTBOX_RETENTION_DAYS + 1),
    )
    fresh = _enqueue(key="test:fresh")
    assert outbox.purge() == 1
    assert list(OutgoingEmail.objects.values_list("pk", flat=True)) == [fresh.pk]


def test_setup_schedules_creates_the_minute_resend_schedule():
    from django.core.management import call_command
    from django_q.models import Schedule

    call_command("setup_schedules", stdout=io.StringIO())
    assert Schedule.objects.get(func="hub.outbox.send_due").minutes == 1


def test_a_newsletter_sign_up_while_the_mail_server_is_down_gets_its_confirmation_once(
    home, smtp_sink, settings, django_capture_on_commit_callbacks
):
    from watch.mailing import subscriptions

    settings.OUTBOX_RETRY_SECONDS = 0
    settings.EMAIL_PORT = free_port()  # down
    sign_up = dict(
        email="lea@exemple.fr", name="Léa", themes=[], kinds=["calls"], rhythm="weekly", source="/"
    )
    with django_capture_on_commit_callbacks(execute=True):
        subscriptions.subscribe(**sign_up)
        subscriptions.subscribe(**sign_up)  # twice in a row: one confirmation only
    row = OutgoingEmail.objects.get()
    assert (row.category, row.status) == ("mailing.confirmation", "pending")
    settings.EMAIL_PORT = smtp_sink.port  # back
    outbox.send_due()
    outbox.send_due()
    [message] = smtp_sink.to("lea@exemple.fr")
    assert "/lettre/confirmer/" in text_part(message)
