"""Subscribing, confirming, preferences, unsubscribing and the GDPR rights of a subscriber.

Views call these functions; e-mails go through django-q2 tasks that receive ids, never addresses.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_q.tasks import async_task

from hub import outbox
from hub.locales import active_language
from watch.mailing.choices import CURRENT_CONSENT_VERSION, KIND_FIELDS
from watch.mailing.models import OutboxMessage, Subscriber
from watch.mailing.models.subscribers import new_secret
from watch.mailing.tokens import make_token

# Resending the confirmation e-mail to the same address waits at least this long.
CONFIRMATION_RESEND_DELAY = timedelta(minutes=5)


def absolute(url: str) -> str:
    """A site URL as e-mails need it (mail clients have no base URL); absolute ones stay as is."""
    if url.startswith(("http://", "https://")):
        return url
    return settings.SITE_URL + url


def subscribe_url() -> str:
    return absolute(reverse("mailing:subscribe"))


def signed_url(subscriber: Subscriber, purpose: str) -> str:
    """The signed link of a subscriber for one purpose (the name of its URL, see tokens.SALTS)."""
    return absolute(reverse(f"mailing:{purpose}", args=[make_token(subscriber, purpose)]))


def confirm_url(subscriber: Subscriber) -> str:
    return signed_url(subscriber, "confirm")


def preferences_url(subscriber: Subscriber) -> str:
    return signed_url(subscriber, "preferences")


def unsubscribe_url(subscriber: Subscriber) -> str:
    return signed_url(subscriber, "unsubscribe")


class LinkMaker:
    """`preferences_url` and `unsubscribe_url` of many subscribers, each URL resolved only once.

    Sending a digest builds these links for every message: the URL is reversed once with a marker
    that each subscriber's token then replaces (tokens need no quoting in a URL path).
    """

    MARKER = "TOKEN-MARKER"
    PURPOSES = ("preferences", "unsubscribe")

    def __init__(self):
        self.templates = {
            purpose: absolute(reverse(f"mailing:{purpose}", args=[self.MARKER]))
            for purpose in self.PURPOSES
        }

    def links(self, subscriber) -> dict[str, str]:
        return {
            f"{purpose}_url": template.replace(self.MARKER, make_token(subscriber, purpose))
            for purpose, template in self.templates.items()
        }


def subscribe(
    *, email: str, name: str, themes, kinds, rhythm: str, source: str, now=None
) -> Subscriber:
    """Record a sign-up and send the right e-mail; the visitor sees the same answer every time.

    A new or pending address gets a confirmation link; an active address gets a reminder with its
    preferences link (its preferences are not changed by a stranger); an address that left must
    confirm again.
    """
    now = now or timezone.now()
    email = email.strip().lower()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(email=email).first()
        if subscriber is not None and subscriber.status == Subscriber.Status.ACTIVE:
            # The reminder goes out at most once per delay, like the confirmation: a stranger
            # posting the form again and again cannot flood someone's mailbox.
            sent = subscriber.reminder_sent_at
            if sent is None or now - sent >= CONFIRMATION_RESEND_DELAY:
                subscriber.reminder_sent_at = now
                subscriber.save(update_fields=["reminder_sent_at"])
                transaction.on_commit(
                    lambda: async_task("watch.mailing.tasks.send_already_subscribed", subscriber.pk)
                )
            return subscriber
        if subscriber is None:
            subscriber = Subscriber(email=email, created_at=now)
        elif subscriber.status != Subscriber.Status.PENDING:
            subscriber.secret = new_secret()
            subscriber.created_at = now
            subscriber.confirmed_at = None
        recent = subscriber.confirmation_sent_at and (
            now - subscriber.confirmation_sent_at < CONFIRMATION_RESEND_DELAY
        )
        subscriber.status = Subscriber.Status.PENDING
        subscriber.name = name.strip()[:120]
        subscriber.rhythm = rhythm
        subscriber.language = active_language()  # of the form: the notices are written in it
        subscriber.set_kinds(kinds)
        subscriber.consent_at = now
        subscriber.consent_version = CURRENT_CONSENT_VERSION
        subscriber.consent_source = source[:500]
        if not recent:
            subscriber.confirmation_sent_at = now
        subscriber.save()
        subscriber.themes.set(themes)
        if not recent:
            subscriber_id = subscriber.pk
            transaction.on_commit(
                lambda: async_task("watch.mailing.tasks.send_confirmation", subscriber_id)
            )
    return subscriber


def confirm(subscriber: Subscriber, now=None) -> bool:
    """Confirm a pending sign-up; True when this call confirmed it."""
    now = now or timezone.now()
    updated = Subscriber.objects.filter(pk=subscriber.pk, status=Subscriber.Status.PENDING).update(
        status=Subscriber.Status.ACTIVE,
        confirmed_at=now,
        paused_at=None,
        unsubscribed_at=None,
        hard_failures=0,
        soft_failures=0,
    )
    subscriber.refresh_from_db()
    return bool(updated)


def update_preferences(subscriber: Subscriber, *, name, themes, kinds, rhythm) -> None:
    subscriber.name = name.strip()[:120]
    subscriber.rhythm = rhythm
    subscriber.set_kinds(kinds)
    subscriber.save(update_fields=["name", "rhythm", *KIND_FIELDS.values()])
    subscriber.themes.set(themes)


def pause(subscriber: Subscriber, now=None) -> None:
    subscriber.paused_at = now or timezone.now()
    subscriber.save(update_fields=["paused_at"])


def resume(subscriber: Subscriber) -> None:
    subscriber.paused_at = None
    if subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        # The signed link proves the address: no new confirmation needed to come back.
        subscriber.status = Subscriber.Status.ACTIVE
        subscriber.unsubscribed_at = None
    subscriber.save(update_fields=["paused_at", "status", "unsubscribed_at"])


def unsubscribe(subscriber: Subscriber, now=None) -> None:
    """Stop every digest to this person at once, including one being sent right now."""
    now = now or timezone.now()
    Subscriber.objects.filter(pk=subscriber.pk).update(
        status=Subscriber.Status.UNSUBSCRIBED, unsubscribed_at=now
    )
    OutboxMessage.objects.filter(
        subscriber_id=subscriber.pk, status=OutboxMessage.Status.PENDING
    ).update(status=OutboxMessage.Status.SKIPPED, last_error="désabonnement")
    subscriber.refresh_from_db()


def export_data(subscriber: Subscriber) -> dict:
    """Everything the site holds about a subscriber (GDPR art. 15 and 20)."""

    def iso(value):
        return value.isoformat() if value else None

    deliveries = (
        subscriber.outbox.filter(status=OutboxMessage.Status.SENT)
        .select_related("digest")
        .order_by("sent_at")
    )
    return {
        "email": subscriber.email,
        "name": subscriber.name,
        "status": subscriber.status,
        "paused_since": iso(subscriber.paused_at),
        "rhythm": subscriber.rhythm,
        "kinds": sorted(subscriber.kinds()),
        "themes": [theme.name for theme in subscriber.themes.order_by("name")],
        "subscribed_at": iso(subscriber.created_at),
        "confirmed_at": iso(subscriber.confirmed_at),
        "unsubscribed_at": iso(subscriber.unsubscribed_at),
        "consent": {
            "given_at": iso(subscriber.consent_at),
            "wording_version": subscriber.consent_version,
            "wording": subscriber.consent_wording,
            "from_page": subscriber.consent_source,
            "confirmed_at": iso(subscriber.confirmed_at),
        },
        "delivery_failures": {
            "hard": subscriber.hard_failures,
            "soft": subscriber.soft_failures,
            "last_at": iso(subscriber.last_failure_at),
        },
        "digests_received": [
            {"title": row.digest.title, "sent_at": iso(row.sent_at)} for row in deliveries
        ],
    }


# The sign-up e-mails and the field stamping each one (a new stamp, a new message).
SENT_AT_FIELDS = {"confirmation": "confirmation_sent_at", "already_subscribed": "reminder_sent_at"}


def outbox_key(subscriber: Subscriber, template: str) -> str:
    """One sign-up e-mail per request: the key changes with the field stamping it."""
    sent_at = getattr(subscriber, SENT_AT_FIELDS[template])
    return f"mailing:{template}:{subscriber.pk}:{sent_at.isoformat() if sent_at else ''}"


def outbox_keys(subscriber_id: int) -> list[str]:
    """Key prefixes of every sign-up e-mail of a subscriber."""
    return [f"mailing:{template}:{subscriber_id}:" for template in SENT_AT_FIELDS]


def erase(subscriber: Subscriber) -> None:
    """Delete the subscriber and their sign-up e-mails; digest outbox rows keep counts but lose
    the link (GDPR art. 17)."""
    with transaction.atomic():
        outbox.forget(*outbox_keys(subscriber.pk))
        subscriber.delete()


def purge_unconfirmed(days: int | None = None, now=None) -> int:
    """Delete sign-ups never confirmed after `days` days; returns how many."""
    days = days if days is not None else settings.WATCH_UNCONFIRMED_PURGE_DAYS
    cutoff = (now or timezone.now()) - timedelta(days=days)
    stale = Subscriber.objects.filter(status=Subscriber.Status.PENDING, created_at__lt=cutoff)
    with transaction.atomic():
        ids = list(stale.values_list("pk", flat=True))
        outbox.forget(*(key for pk in ids for key in outbox_keys(pk)))
        Subscriber.objects.filter(pk__in=ids).delete()
    return len(ids)
