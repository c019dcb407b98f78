"""What the SMTP server refuses: 4xx retried with backoff, 5xx marks the address failing."""

import pytest
from django.utils import timezone

from tests.watch.mailing.factories import AcceptedItemFactory, DigestFactory, SubscriberFactory
from watch.mailing import sending as mailing
from watch.mailing.models import Digest, DigestEntry, OutboxMessage, Subscriber


def sending_digest():
    digest = DigestFactory()
    DigestEntry.objects.create(digest=digest, section="news", item=AcceptedItemFactory())
    mailing.enqueue(digest)
    return digest


@pytest.mark.django_db
def test_temporary_refusal_is_retried_later_and_the_rest_still_goes_out(smtp_sink, home):
    SubscriberFactory(email="ok@exemple.fr")
    busy = SubscriberFactory(email="plein@exemple.fr")
    smtp_sink.handler.refuse["plein@exemple.fr"] = "452 4.2.2 Boîte pleine"
    digest = sending_digest()

    report = mailing.send_digest(digest.pk)
    assert report.sent == 1 and report.retried == 1
    row = OutboxMessage.objects.get(subscriber=busy)
    assert row.status == OutboxMessage.Status.PENDING and row.attempts == 1
    assert row.next_attempt_at > timezone.now()  # backoff: not before its time
    assert "plein@exemple.fr" not in row.last_error and "452" in row.last_error
    digest.refresh_from_db()
    assert digest.status == Digest.Status.SENDING

    assert mailing.send_digest(digest.pk).sent == 0  # too early to retry
    del smtp_sink.handler.refuse["plein@exemple.fr"]
    OutboxMessage.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
    assert mailing.send_digest(digest.pk).sent == 1
    assert len(smtp_sink.to("plein@exemple.fr")) == 1 and len(smtp_sink.to("ok@exemple.fr")) == 1
    digest.refresh_from_db()
    assert digest.status == Digest.Status.SENT


@pytest.mark.django_db
def test_repeated_hard_failures_stop_mail_to_that_address(smtp_sink, home, settings):
    settings.WATCH_HARD_FAILURE_LIMIT = 2
    gone = SubscriberFactory(email="inconnu@exemple.fr")
    smtp_sink.handler.refuse["inconnu@exemple.fr"] = "550 5.1.1 Utilisateur inconnu"

    first = sending_digest()
    assert mailing.send_digest(first.pk).failed == 1
    gone.refresh_from_db()
    assert gone.hard_failures == 1 and gone.status == Subscriber.Status.ACTIVE
    assert OutboxMessage.objects.get(digest=first).status == OutboxMessage.Status.FAILED
    first.refresh_from_db()
    # A failure is final: the digest is done, but nobody got it, so it is not « Envoyé ».
    assert first.status == Digest.Status.FAILED

    second = sending_digest()
    mailing.send_digest(second.pk)
    gone.refresh_from_db()
    assert gone.status == Subscriber.Status.BOUNCING

    third = sending_digest()
    assert third.outbox.count() == 0  # no longer a recipient
    assert smtp_sink.to("inconnu@exemple.fr") == []


@pytest.mark.django_db
def test_unreachable_server_leaves_everything_pending_for_later(home, settings):
    from tests.smtp import free_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()  # nobody listens
    settings.EMAIL_TIMEOUT = 2
    SubscriberFactory.create_batch(3)
    digest = sending_digest()
    report = mailing.send_digest(digest.pk)
    assert report.interrupted == "connection" and report.sent == 0
    assert set(digest.outbox.values_list("status", flat=True)) == {OutboxMessage.Status.PENDING}


@pytest.mark.django_db
def test_rate_limit_spaces_messages(smtp_sink, home):
    import time

    SubscriberFactory.create_batch(4)
    digest = sending_digest()
    started = time.monotonic()
    mailing.send_digest(digest.pk, rate=20)
    assert time.monotonic() - started >= 3 / 20
    assert len(smtp_sink.messages) == 4


@pytest.mark.django_db
def test_any_django_backend_works(home, mailoutbox):
    SubscriberFactory.create_batch(3)
    digest = sending_digest()
    assert mailing.send_digest(digest.pk).sent == 3  # locmem backend
    assert len(mailoutbox) == 3
    assert all(m.extra_headers["List-Unsubscribe-Post"] for m in mailoutbox)


@pytest.mark.django_db
def test_a_finished_digest_logs_exactly_one_parseable_line(caplog, smtp_sink, home):
    import logging

    SubscriberFactory(email="un@exemple.fr")
    SubscriberFactory(email="deux@exemple.fr")
    digest = sending_digest()
    with caplog.at_level(logging.INFO, logger="watch.mailing.sending"):
        mailing.send_digest(digest.pk)
        mailing.send_digest(digest.pk)  # a retried task finds nothing left and logs no second line
    lines = [r.getMessage() for r in caplog.records if "event=digest_sent" in r.getMessage()]
    assert lines == [f"event=digest_sent digest={digest.pk} sent=2 failed=0"]
