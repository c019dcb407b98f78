"""Signed links of the digest e-mails: one salt per purpose, each tied to the subscriber's secret.

A token carries the subscriber's id and the start of their secret; changing the secret (new
subscription, erasure) revokes every link sent before. A token made for one purpose never opens
another (different salt).
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing

from watch.mailing.models import Subscriber

SALTS = {
    "confirm": "watch.subscription.confirm",
    "preferences": "watch.subscription.preferences",
    "unsubscribe": "watch.subscription.unsubscribe",
}


def max_age(purpose: str) -> timedelta | None:
    days = {
        "confirm": settings.WATCH_CONFIRM_LINK_DAYS,
        "preferences": settings.WATCH_PREFERENCES_LINK_DAYS,
        # RFC 8058: the unsubscribe link of an old e-mail must still work.
        "unsubscribe": None,
    }[purpose]
    return timedelta(days=days) if days else None


def make_token(subscriber, purpose: str) -> str:
    return signing.dumps([subscriber.pk, subscriber.secret[:8]], salt=SALTS[purpose])


def read_token(token: str, purpose: str):
    """The subscriber a token designates, or None when it is tampered, expired or revoked."""
    try:
        subscriber_id, secret = signing.loads(token, salt=SALTS[purpose], max_age=max_age(purpose))
    except (signing.BadSignature, ValueError, TypeError):
        return None
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None or subscriber.secret[:8] != secret:
        return None
    return subscriber
