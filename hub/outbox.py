"""One durable path for every transactional e-mail: store, claim, send, retry, resend.

How a message is never lost and never sent twice:
- `enqueue` stores the message in the caller's transaction (so it exists exactly when what it
  tells exists) under the caller's `key`; a second enqueue with the same key returns the row.
- After the commit a django-q2 task sends it; a minute schedule (`send_due`) resumes retries
  and messages whose worker died, so a crash or an outage only delays a message.
- A worker claims a row with one conditional UPDATE (pending and due, or claimed longer ago than
  the lease): two workers, or a task run twice, cannot both send it.
- The row is marked sent right after the server's reply, in its own statement. What remains: a
  worker killed between the server's acceptance and that statement leaves the row claimed; after
  the lease it is sent again, with the same Message-ID, so the receiving side can tell.
The message is stored as fields (not MIME) and rebuilt for `django.core.mail`, so any backend
(SMTP, django-anymail) sends it.
"""

import base64
import logging
import re
import smtplib
import time
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.message import make_msgid
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django_q.models import Schedule
from django_q.tasks import async_task

from hub.email_headers import FoldedSubjectEmail
from hub.models.outbox import OutgoingEmail

logger = logging.getLogger(__name__)
_ADDRESS = re.compile(r"\S+@\S+")
Status = OutgoingEmail.Status

# Listed in SCHEDULE_MODULES: created by `manage.py setup_schedules`.
SCHEDULES: list[dict] = [
    {
        "name": "site : courriels transactionnels à renvoyer",
        "func": "hub.outbox.send_due",
        "schedule_type": Schedule.MINUTES,
        "minutes": 1,
        "repeats": -1,
    }
]


# --- Storing ----------------------------------------------------------------------------------


def enqueue(message: EmailMessage, *, key: str, category: str) -> OutgoingEmail:
    """Store `message` in the caller's transaction and send it after the commit; idempotent.

    `key` names what the message is about (e.g. "events:confirmed:12:2026-12-03T10:00"); a second
    call with the same key changes nothing and returns the stored row.
    """
    # One INSERT … ON CONFLICT DO NOTHING and one SELECT (get_or_create takes four statements,
    # inside the caller's locks): the unique key keeps a second call from storing a second row.
    new = OutgoingEmail(key=key, category=category, **_fields(message))
    OutgoingEmail.objects.bulk_create([new], ignore_conflicts=True)
    # Read back only what tells whose row it is (the body is tens of kilobytes): callers use
    # the row's id; any other field loads if read.
    row = OutgoingEmail.objects.only("id", "key", "message_id", "created_at").get(key=key)
    # The stored row is ours when it carries what this call made: its Message-ID (new each
    # call unless the caller fixes it) and its creation instant.
    if (row.message_id, row.created_at) == (new.message_id, new.created_at):
        # robust: a broker that is down must not fail the caller's request; the minute
        # schedule sends the row anyway.
        transaction.on_commit(lambda: async_task("hub.outbox.send_task", row.pk), robust=True)
    return row


def _fields(message: EmailMessage) -> dict:
    headers = dict(message.extra_headers)
    message_id = headers.pop("Message-ID", None) or make_msgid()
    attachments = []
    for attachment in message.attachments:
        if not isinstance(attachment, tuple):
            raise TypeError("Outbox attachments must be (filename, content, mimetype) tuples.")
        filename, content, mimetype = attachment
        is_bytes = isinstance(content, bytes)
        attachments.append(
            {
                "filename": filename,
                "content": base64.b64encode(content).decode() if is_bytes else content,
                "mimetype": mimetype,
                "base64": is_bytes,
            }
        )
    return {
        "subject": str(message.subject),
        "from_email": message.from_email or settings.DEFAULT_FROM_EMAIL,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": headers,
        "body": message.body,
        "content_subtype": message.content_subtype,
        "alternatives": [
            [content, mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": attachments,
        "message_id": message_id,
    }


def rebuild(row: OutgoingEmail) -> FoldedSubjectEmail:
    """The stored message as `django.core.mail` sends it, with its fixed Message-ID."""
    message = FoldedSubjectEmail(
        subject=row.subject,
        body=row.body,
        from_email=row.from_email,
        to=row.to,
        cc=row.cc,
        bcc=row.bcc,
        reply_to=row.reply_to,
        headers={**row.headers, "Message-ID": row.message_id},
    )
    message.content_subtype = row.content_subtype
    for content, mimetype in row.alternatives:
        message.attach_alternative(content, mimetype)
    for attachment in row.attachments:
        content = attachment["content"]
        if attachment["base64"]:
            content = base64.b64decode(content)
        message.attach(attachment["filename"], content, attachment["mimetype"])
    return message


# --- Errors -----------------------------------------------------------------------------------


def classify(error: Exception) -> tuple[str, str]:
    """("permanent" | "temporary" | "connection", the reply without any address)."""
    code = None
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, reply = next(iter(error.recipients.values()), (None, b""))
    elif isinstance(error, smtplib.SMTPResponseException):
        code, reply = error.smtp_code, error.smtp_error
    else:
        reply = str(error)
    if isinstance(reply, bytes):
        reply = reply.decode("utf-8", "replace")
    text = _ADDRESS.sub("<adresse>", f"{code or ''} {reply}".strip())[:300]
    text = text or type(error).__name__
    if isinstance(error, smtplib.SMTPServerDisconnected | ConnectionError | TimeoutError):
        return "connection", text
    if isinstance(error, smtplib.SMTPSenderRefused):
        return "connection", text  # our side is refused: the recipient is not to blame
    if code and 500 <= code < 600:
        return "permanent", text
    if isinstance(error, OSError) and code is None:
        return "connection", text
    return "temporary", text


def backoff(attempts: int) -> timedelta:
    """Wait before the next attempt: doubles each time, from OUTBOX_RETRY_SECONDS."""
    base = settings.OUTBOX_RETRY_SECONDS
    ceiling = settings.OUTBOX_RETRY_MAX_SECONDS
    return timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), ceiling))


# --- Sending ----------------------------------------------------------------------------------


def lease() -> timedelta:
    return timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)


def _claimable(now) -> Q:
    return Q(status=Status.PENDING, next_attempt_at__lte=now) | Q(
        status=Status.SENDING, claimed_at__lt=now - lease()
    )


def claim(pk: int) -> str:
    """Take the row for this worker; returns the claim token, or "" if it is not ours to send."""
    now = timezone.now()
    token = uuid.uuid4().hex
    # Counted at the claim: a message that kills its worker every time still ends up failed.
    claimed = OutgoingEmail.objects.filter(_claimable(now), pk=pk).update(
        status=Status.SENDING, claimed_at=now, claim_token=token, attempts=F("attempts") + 1
    )
    return token if claimed else ""


def deliver(pk: int) -> str:
    """Send one stored message if it is due; returns "sent", "retry", "failed",
    "connection" (the server could not be reached) or "" (not due, or another worker's)."""
    token = claim(pk)
    if not token:
        return ""
    row = OutgoingEmail.objects.get(pk=pk)
    mine = OutgoingEmail.objects.filter(pk=pk, claim_token=token)
    try:
        message = rebuild(row)
        if not message.send(fail_silently=False):
            raise smtplib.SMTPException("le serveur n'a pas pris le message")
    except Exception as error:  # noqa: BLE001 - every backend raises its own errors
        outcome, text = classify(error)
        if outcome == "permanent" or row.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
            mine.update(status=Status.FAILED, claim_token="", last_error=text)
            result = "failed"
        else:
            mine.update(
                status=Status.PENDING,
                claim_token="",
                last_error=text,
                next_attempt_at=timezone.now() + backoff(row.attempts),
            )
            result = "connection" if outcome == "connection" else "retry"
        logger.warning(
            "event=outbox_send_failed outbox=%s category=%s attempt=%s outcome=%s error=%s",
            pk, row.category, row.attempts, result, text,
        )  # fmt: skip
        return result
    # Right after the server's reply, before anything else can fail.
    mine.update(status=Status.SENT, sent_at=timezone.now(), claim_token="", last_error="")
    logger.info("event=outbox_sent outbox=%s category=%s", pk, row.category)
    return "sent"


def send_task(pk: int) -> str:
    """django-q2 entry point: send one message just enqueued."""
    return deliver(pk)


def send_due(max_seconds: float = 50, batch: int = 100) -> int:
    """Every minute: send retries that are due and messages whose worker died; returns how many
    left. Stops at the first unreachable server (the rest waits for the next run)."""
    started = time.monotonic()
    ids = list(
        OutgoingEmail.objects.filter(_claimable(timezone.now()))
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:batch]
    )
    sent = 0
    for pk in ids:
        if time.monotonic() - started > max_seconds:
            break
        outcome = deliver(pk)
        sent += outcome == "sent"
        if outcome == "connection":
            break
    purge()
    return sent


def resend(ids) -> int:
    """Put failed messages back in the queue (the editors' « Renvoyer »); returns how many."""
    count = OutgoingEmail.objects.filter(pk__in=list(ids), status=Status.FAILED).update(
        status=Status.PENDING, attempts=0, next_attempt_at=timezone.now(), last_error=""
    )
    if count:
        transaction.on_commit(lambda: async_task("hub.outbox.send_due"), robust=True)
    return count


def purge(now=None) -> int:
    """Delete delivered and failed messages older than OUTBOX_RETENTION_DAYS (they hold
    addresses and personal details); returns how many."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.OUTBOX_RETENTION_DAYS)
    deleted, _by_model = OutgoingEmail.objects.filter(
        status__in=[Status.SENT, Status.FAILED], created_at__lt=cutoff
    ).delete()
    return deleted


def forget(*key_prefixes: str) -> int:
    """Delete every message, sent or not, whose key starts with one of the prefixes: the
    person's copies go with their data when they erase it. Returns how many."""
    query = Q()
    for prefix in key_prefixes:
        query |= Q(key__startswith=prefix)
    deleted, _by_model = OutgoingEmail.objects.filter(query).delete() if query else (0, {})
    return deleted


def failed_count() -> int:
    return OutgoingEmail.objects.filter(status=Status.FAILED).count()
