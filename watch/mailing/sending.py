"""The outbox: sending a digest to every subscriber exactly once, in batches, resumably.

How exactly-once holds:
- `enqueue` creates one outbox row per (digest, subscriber); a unique constraint forbids a second.
- A worker claims a batch with one conditional UPDATE (pending → sending, with its claim token and
  time); two workers can never claim the same row, and a claim older than the lease (a killed
  worker) can be taken over.
- Each row carries its Message-ID from the start. Right after the server's reply its acceptance
  is committed on its own, before anything else can fail; then the row is marked sent. A row
  whose worker died after the acceptance is only marked sent when its lease ends, never sent
  again. What remains: a kill between the server's 250 and the commit of the acceptance; the
  row is then sent again after the lease, with the same Message-ID.
Work is streamed: batches of rows, one SMTP connection per batch, never the whole list in memory.
"""

import logging
import smtplib
import time
import uuid
from dataclasses import dataclass
from datetime import timedelta
from functools import cached_property

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.outbox import classify
from watch.mailing.choices import KIND_FIELDS
from watch.mailing.digests import DigestContent
from watch.mailing.models import Digest, OutboxMessage, Subscriber
from watch.mailing.models.digests import new_message_id
from watch.mailing.subscriptions import LinkMaker, subscribe_url

logger = logging.getLogger(__name__)


@dataclass
class SendReport:
    sent: int = 0
    skipped: int = 0
    failed: int = 0
    retried: int = 0
    interrupted: str = ""

    def __add__(self, other: "SendReport") -> "SendReport":
        return SendReport(
            self.sent + other.sent,
            self.skipped + other.skipped,
            self.failed + other.failed,
            self.retried + other.retried,
            other.interrupted or self.interrupted,
        )


# --- Enqueueing -------------------------------------------------------------------------------


def enqueue(digest: Digest, now=None) -> int:
    """Create the outbox rows of a digest and start sending; idempotent. Returns the total."""
    now = now or timezone.now()
    if digest.status in {Digest.Status.DRAFT, Digest.Status.SCHEDULED}:
        recipients = Subscriber.objects.sendable_for(digest.rhythm).order_by("pk")
        last = 0
        while True:  # keyset pagination: flat memory, whatever the number of subscribers
            ids = list(recipients.filter(pk__gt=last).values_list("pk", flat=True)[:2000])
            if not ids:
                break
            OutboxMessage.objects.bulk_create(
                [
                    OutboxMessage(
                        digest_id=digest.pk,
                        subscriber_id=pk,
                        next_attempt_at=now,
                        message_id=new_message_id(digest.pk),
                    )
                    for pk in ids
                ],
                ignore_conflicts=True,
            )
            last = ids[-1]
        total = digest.outbox.count()
        Digest.objects.filter(
            pk=digest.pk, status__in=[Digest.Status.DRAFT, Digest.Status.SCHEDULED]
        ).update(status=Digest.Status.SENDING, send_started_at=now, recipients_total=total)
    digest.refresh_from_db()
    return digest.recipients_total


def schedule(digest: Digest, when) -> None:
    Digest.objects.filter(
        pk=digest.pk, status__in=[Digest.Status.DRAFT, Digest.Status.SCHEDULED]
    ).update(status=Digest.Status.SCHEDULED, scheduled_for=when)


def cancel(digest: Digest) -> None:
    """Stop a digest: nothing more leaves; what was sent stays sent."""
    Digest.objects.filter(pk=digest.pk).exclude(status__in=Digest.FINISHED_STATUSES).update(
        status=Digest.Status.CANCELLED
    )
    digest.outbox.filter(status=OutboxMessage.Status.PENDING).update(
        status=OutboxMessage.Status.SKIPPED, last_error="envoi annulé"
    )


# --- Claiming ---------------------------------------------------------------------------------


def lease() -> timedelta:
    return timedelta(seconds=settings.WATCH_MAILING_LEASE_SECONDS)


def claim_batch(digest_id: int, size: int, *, reclaim_after: timedelta | None = None):
    """Claim up to `size` rows for this worker; returns (token, rows), rows possibly empty.

    Rows another worker claimed more than `reclaim_after` ago (the lease) are taken over.
    """
    reclaim_after = lease() if reclaim_after is None else reclaim_after
    for _attempt in range(10):
        now = timezone.now()
        claimable = Q(status=OutboxMessage.Status.PENDING, next_attempt_at__lte=now) | Q(
            status=OutboxMessage.Status.SENDING,
            claimed_at__lt=now - reclaim_after,
            accepted_at__isnull=True,  # accepted ones are marked, not sent again
        )
        token = uuid.uuid4().hex
        with transaction.atomic():
            # SKIP LOCKED (PostgreSQL) lets two workers pick different rows without waiting;
            # the condition repeated in the UPDATE is what makes the claim safe everywhere.
            ids = list(
                OutboxMessage.objects.filter(claimable, digest_id=digest_id)
                .select_for_update(skip_locked=True)
                .order_by("pk")
                .values_list("pk", flat=True)[:size]
            )
            if not ids:
                return token, []
            claimed = (
                OutboxMessage.objects.filter(claimable, pk__in=ids)
                .filter(digest_id=digest_id)
                .update(status=OutboxMessage.Status.SENDING, claimed_at=now, claim_token=token)
            )
        if claimed:
            rows = list(
                OutboxMessage.objects.filter(claim_token=token, status=OutboxMessage.Status.SENDING)
                .only("pk", "subscriber_id", "attempts", "message_id")
                .order_by("pk")
            )
            return token, rows
    return "", []


# What marking an accepted row sent changes.
MARKED_SENT = {
    "status": OutboxMessage.Status.SENT,
    "sent_at": F("accepted_at"),
    "last_error": "",
    "attempts": F("attempts") + 1,
}


def release(token: str) -> None:
    """Give back what this worker claimed but did not send (an accepted message was sent)."""
    OutboxMessage.objects.filter(
        claim_token=token, status=OutboxMessage.Status.SENDING, accepted_at__isnull=True
    ).update(status=OutboxMessage.Status.PENDING, claim_token="")


def mark_accepted_of_dead_workers(digest_id: int, reclaim_after: timedelta | None = None) -> int:
    """Mark sent the rows whose message was accepted by a worker that died before marking them."""
    reclaim_after = lease() if reclaim_after is None else reclaim_after
    return OutboxMessage.objects.filter(
        digest_id=digest_id,
        status=OutboxMessage.Status.SENDING,
        accepted_at__isnull=False,
        claimed_at__lt=timezone.now() - reclaim_after,
    ).update(**MARKED_SENT)


# --- Subscribers' context ---------------------------------------------------------------------


def _themes_of(subscriber_ids) -> dict[int, frozenset]:
    through = Subscriber.themes.through
    themes: dict[int, set] = {}
    for subscriber_id, theme_id in through.objects.filter(
        subscriber_id__in=subscriber_ids
    ).values_list("subscriber_id", "theme_id"):
        themes.setdefault(subscriber_id, set()).add(theme_id)
    return {key: frozenset(value) for key, value in themes.items()}


def selections(content: DigestContent, subscriber_ids) -> dict[int, tuple]:
    """(subscriber, selection) of each of these subscribers who may still receive the digest.

    The one computation of who gets what: sending uses it, and so does the count the editor
    confirms before sending. An empty selection means nothing new for that person.
    """
    subscribers = (
        Subscriber.objects.sendable()
        .filter(pk__in=subscriber_ids)
        .only("pk", "email", "name", "secret", *KIND_FIELDS.values())
    )
    themes = _themes_of(subscriber_ids)
    already = OutboxMessage.objects.received_keys(subscriber_ids, except_digest=content.digest.pk)
    return {
        subscriber.pk: (
            subscriber,
            content.select(
                themes.get(subscriber.pk, frozenset()),
                subscriber.kinds(),
                already.get(subscriber.pk, set()),
            ),
        )
        for subscriber in subscribers
    }


def receiving_count(digest: Digest, content: DigestContent | None = None) -> int:
    """How many people sending this digest now would really write to (nothing new: no e-mail)."""
    content = content or DigestContent(digest)
    recipients = Subscriber.objects.sendable_for(digest.rhythm).order_by("pk")
    count, last = 0, 0
    while True:  # keyset pagination, as enqueue does
        ids = list(recipients.filter(pk__gt=last).values_list("pk", flat=True)[:2000])
        if not ids:
            return count
        count += sum(1 for _subscriber, selection in selections(content, ids).values() if selection)
        last = ids[-1]


# --- Errors -----------------------------------------------------------------------------------


def backoff(attempts: int) -> timedelta:
    base = settings.WATCH_MAILING_RETRY_SECONDS
    return timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), 6 * 3600))


# --- Sending ----------------------------------------------------------------------------------


class Sender:
    """Sends one digest: claims batches and sends each through one SMTP connection."""

    def __init__(
        self,
        digest: Digest,
        *,
        batch_size: int | None = None,
        rate: float | None = None,
        reclaim_after: timedelta | None = None,
        connection_factory=None,
    ):
        self.digest = digest
        self.batch_size = batch_size or settings.WATCH_MAILING_BATCH_SIZE
        self.rate = settings.WATCH_MAILING_RATE if rate is None else rate
        self.reclaim_after = reclaim_after
        self.lease_for = lease()
        self.connection_factory = connection_factory or (
            lambda: get_connection(fail_silently=False)
        )
        self.links = LinkMaker()
        self._next_send = 0.0

    @cached_property
    def content(self) -> DigestContent:
        """The digest rendered once, on the first batch (a run with nothing to claim skips it)."""
        return DigestContent(self.digest)

    def run(self, *, max_seconds: float | None = None, on_batch=None) -> SendReport:
        """Send until nothing is left to claim (or time is up); returns what was done."""
        started = time.monotonic()
        report = SendReport()
        while max_seconds is None or time.monotonic() - started < max_seconds:
            if not Digest.objects.filter(pk=self.digest.pk, status=Digest.Status.SENDING).exists():
                break  # cancelled meanwhile
            mark_accepted_of_dead_workers(self.digest.pk, self.reclaim_after)
            token, rows = claim_batch(
                self.digest.pk, self.batch_size, reclaim_after=self.reclaim_after
            )
            if not rows:
                break
            batch = self.send_batch(token, rows)
            report = report + batch
            if on_batch:
                on_batch(report)
            if batch.interrupted:
                break
        logger.info(
            "event=digest_send_run digest=%s sent=%d failed=%d retried=%d skipped=%d seconds=%.1f",
            self.digest.pk,
            report.sent,
            report.failed,
            report.retried,
            report.skipped,
            time.monotonic() - started,
        )
        finish_if_done(self.digest)
        return report

    def send_batch(self, token: str, rows) -> SendReport:
        report = SendReport()
        claimed_at = time.monotonic()
        subscriber_ids = [row.subscriber_id for row in rows if row.subscriber_id]
        # Whoever left, paused or bounced since the digest was enqueued is not returned.
        chosen = selections(self.content, subscriber_ids)
        connection = self.connection_factory()
        try:
            connection.open()
            for row in rows:
                # Never outlive the lease: another worker may take over rows after it.
                if time.monotonic() - claimed_at > self.lease_for.total_seconds() * 0.8:
                    report.interrupted = "lease"
                    break
                if row.subscriber_id not in chosen:
                    self._finish(
                        row, token, OutboxMessage.Status.SKIPPED, "abonnement arrêté entre-temps"
                    )
                    report.skipped += 1
                    continue
                subscriber, selection = chosen[row.subscriber_id]
                if not selection:  # nobody gets an empty digest
                    self._finish(row, token, OutboxMessage.Status.SKIPPED, "rien de nouveau")
                    report.skipped += 1
                    continue
                message = self.content.message(
                    subscriber.email,
                    selection,
                    name=subscriber.name,
                    message_id=row.message_id,
                    **self.links.links(subscriber),
                )
                self._wait_for_rate()
                try:
                    if not connection.send_messages([message]):
                        raise smtplib.SMTPException("le serveur n'a pas pris le message")
                except Exception as error:  # noqa: BLE001 - every backend raises its own errors
                    outcome = self._failed(row, token, subscriber, error)
                    if outcome == "connection":
                        report.interrupted = "connection"
                        break
                    if outcome == "permanent":
                        report.failed += 1
                    else:
                        report.retried += 1
                    continue
                record_acceptance(row.pk, token, selection.keys)
                mark_sent(row.pk, token)
                report.sent += 1
        except (OSError, smtplib.SMTPException) as error:
            # Could not even connect: leave the rows for a later run.
            report.interrupted = "connection"
            logger.warning("digest=%s event=smtp_unavailable error=%s", self.digest.pk, error)
        finally:
            try:
                connection.close()
            except Exception:  # noqa: BLE001, S110 - closing a dead connection may fail, harmlessly
                pass
            release(token)
        return report

    def _wait_for_rate(self) -> None:
        if not self.rate:
            return
        now = time.monotonic()
        if now < self._next_send:
            time.sleep(self._next_send - now)
        self._next_send = max(now, self._next_send) + 1.0 / self.rate

    def _finish(self, row, token, status, error) -> None:
        # Only the claim holder may change the row (a worker past its lease has lost it).
        OutboxMessage.objects.filter(pk=row.pk, claim_token=token).update(
            status=status, last_error=error, claim_token=""
        )

    def _failed(self, row, token, subscriber, error) -> str:
        outcome, text = classify(error)
        now = timezone.now()
        logger.info(
            "digest=%s outbox=%s subscriber=%s event=send_failed outcome=%s error=%s",
            self.digest.pk, row.pk, subscriber.pk, outcome, text,
        )  # fmt: skip
        rows = OutboxMessage.objects.filter(pk=row.pk, claim_token=token)
        if outcome == "connection":
            rows.update(status=OutboxMessage.Status.PENDING, claim_token="", last_error=text)
            return outcome
        if outcome == "permanent":
            rows.update(
                status=OutboxMessage.Status.FAILED,
                claim_token="",
                last_error=text,
                attempts=F("attempts") + 1,
            )
            limit = settings.WATCH_HARD_FAILURE_LIMIT
            Subscriber.objects.filter(pk=subscriber.pk).update(
                hard_failures=F("hard_failures") + 1, last_failure_at=now, last_failure=text
            )
            # Repeated hard failures: stop writing to this address.
            Subscriber.objects.filter(
                pk=subscriber.pk, hard_failures__gte=limit, status=Subscriber.Status.ACTIVE
            ).update(status=Subscriber.Status.BOUNCING)
            return outcome
        attempts = row.attempts + 1
        if attempts >= settings.WATCH_MAILING_MAX_ATTEMPTS:
            rows.update(
                status=OutboxMessage.Status.FAILED,
                claim_token="",
                last_error=text,
                attempts=attempts,
            )
        else:
            rows.update(
                status=OutboxMessage.Status.PENDING,
                claim_token="",
                last_error=text,
                attempts=attempts,
                next_attempt_at=now + backoff(attempts),
            )
        Subscriber.objects.filter(pk=subscriber.pk).update(
            soft_failures=F("soft_failures") + 1, last_failure_at=now, last_failure=text
        )
        return outcome


def record_acceptance(pk: int, token: str, entry_keys: list[str]) -> None:
    """The server accepted the message: say so first, in a commit of its own."""
    # durable: never inside a caller's transaction, which a crash would roll back.
    with transaction.atomic(durable=True):
        OutboxMessage.objects.filter(pk=pk, claim_token=token).update(
            accepted_at=timezone.now(), entry_keys=entry_keys
        )


def mark_sent(pk: int, token: str) -> None:
    """Mark an accepted row sent; only the claim holder may (a worker past its lease lost it).

    The claim token stays: a sent row is never claimed again (one index less to rewrite).
    """
    OutboxMessage.objects.filter(pk=pk, claim_token=token).update(**MARKED_SENT)


def final_status(progress: dict) -> str:
    """Sent only when someone received it: a letter nobody got is neither « Envoyé » nor in
    the public archive."""
    if progress["sent"]:
        return Digest.Status.SENT
    return Digest.Status.FAILED if progress["failed"] else Digest.Status.NOTHING


def finish_if_done(digest: Digest, now=None) -> bool:
    """Close the digest once no row is left to send; True when it was sent to someone."""
    if digest.outbox.filter(status__in=OutboxMessage.UNFINISHED_STATUSES).exists():
        return False
    status = final_status(digest.progress())
    finished = Digest.objects.filter(pk=digest.pk, status=Digest.Status.SENDING).update(
        status=status, sent_at=(now or timezone.now()) if status == Digest.Status.SENT else None
    )
    if finished:
        # One line per digest, written by whichever worker finished it.
        progress = digest.progress()
        logger.info(
            "event=%s digest=%s sent=%d failed=%d",
            "digest_sent" if status == Digest.Status.SENT else f"digest_{status}",
            digest.pk,
            progress["sent"],
            progress["failed"],
        )
    digest.refresh_from_db()
    return digest.status == Digest.Status.SENT


def send_digest(digest_id: int, **options) -> SendReport:
    """Send what is left of a digest that is being sent (enqueue it first)."""
    digest = Digest.objects.get(pk=digest_id)
    if digest.status != Digest.Status.SENDING:
        return SendReport()
    max_seconds = options.pop("max_seconds", None)
    on_batch = options.pop("on_batch", None)
    return Sender(digest, **options).run(max_seconds=max_seconds, on_batch=on_batch)


def send_test(digest: Digest, to: str) -> None:
    """Send the full, non-personalised digest to an editor, marked as a test."""
    content = DigestContent(digest)
    home = subscribe_url()
    message = content.message(
        to,
        content.public_selection(),
        preferences_url=home,
        unsubscribe_url=home,
        subject_prefix=_("[Test] "),
    )
    message.send(fail_silently=False)
