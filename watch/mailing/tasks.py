"""django-q2 entry points of the digests: thin, they receive ids (never addresses) and delegate."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_q.tasks import async_task

from hub import outbox
from hub.models import SiteSettings
from watch.mailing import digests, subscriptions
from watch.mailing import sending as mailing
from watch.mailing.models import Digest, Subscriber

logger = logging.getLogger(__name__)


# When each sign-up e-mail was asked for (subscriptions.subscribe): one message per request.
def _subscription_mail(subscriber: Subscriber, template: str, subject: str, link: str) -> None:
    with translation.override(subscriber.language):
        site_settings = SiteSettings.for_default_site()
        context = {
            "subscriber": subscriber,
            "link": link,
            "organisation": site_settings.organisation_name,
            "footer": site_settings.translated_email_footer,
            "site_url": settings.SITE_URL,
            "days": settings.WATCH_CONFIRM_LINK_DAYS,
        }
        message = EmailMultiAlternatives(
            subject=subject % {"organisation": site_settings.organisation_name},
            body=render_to_string(f"email/digest/{template}.txt", context),
            from_email=site_settings.sender_address(),
            to=[subscriber.email],
            reply_to=[site_settings.email_reply_to] if site_settings.email_reply_to else [],
        )
        message.attach_alternative(
            render_to_string(f"email/digest/{template}.html", context), "text/html"
        )
        # Through the outbox: retried while the mail server is down, once per request.
        outbox.enqueue(
            message,
            key=subscriptions.outbox_key(subscriber, template),
            category=f"mailing.{template}",
        )


def send_confirmation(subscriber_id: int) -> None:
    from django.utils.translation import gettext as _

    subscriber = Subscriber.objects.filter(
        pk=subscriber_id, status=Subscriber.Status.PENDING
    ).first()
    if subscriber is None:
        return
    # In the language of the sign-up form: subject, text and the link's address.
    with translation.override(subscriber.language):
        _subscription_mail(
            subscriber,
            "confirmation",
            _("Confirmez votre abonnement à la lettre de veille de %(organisation)s"),
            subscriptions.confirm_url(subscriber),
        )


def send_already_subscribed(subscriber_id: int) -> None:
    from django.utils.translation import gettext as _

    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None:
        return
    with translation.override(subscriber.language):
        _subscription_mail(
            subscriber,
            "already_subscribed",
            _("Votre adresse est déjà abonnée à la lettre de veille de %(organisation)s"),
            subscriptions.preferences_url(subscriber),
        )


def make_due_drafts() -> int:
    return len(digests.make_due_drafts())


def start_sending(digest_id: int) -> None:
    """Enqueue a digest and start its workers (each task sends batches until done)."""
    digest = Digest.objects.get(pk=digest_id)
    mailing.enqueue(digest)
    for _worker in range(settings.WATCH_MAILING_PARALLEL):
        async_task("watch.mailing.tasks.send_digest_task", digest_id)


def send_digest_task(digest_id: int) -> str:
    # Stop before django-q2's timeout kills the task; the minute schedule resumes the rest.
    budget = settings.Q_CLUSTER.get("timeout", 600) * 0.8
    report = mailing.send_digest(digest_id, max_seconds=budget)
    return f"sent={report.sent} skipped={report.skipped} failed={report.failed}"


def send_due() -> None:
    """Every minute: start scheduled digests, resume interrupted or retried ones."""
    now = timezone.now()
    for digest in Digest.objects.filter(status=Digest.Status.SCHEDULED, scheduled_for__lte=now):
        mailing.enqueue(digest)
    for digest_id in Digest.objects.filter(status=Digest.Status.SENDING).values_list(
        "pk", flat=True
    ):
        mailing.send_digest(digest_id, max_seconds=50)


def purge_unconfirmed() -> int:
    return subscriptions.purge_unconfirmed()
