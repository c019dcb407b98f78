"""Every e-mail of the members' area leaves through `deliver`, into the site's durable outbox
(hub/outbox.py: stored in the caller's transaction, sent after the commit, retried): membership
decisions, workspace notifications and allauth's own account e-mails (see adapter.py).
"""

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from hub import outbox
from hub.models import SiteSettings


def absolute(path: str) -> str:
    return path if path.startswith("http") else f"{settings.SITE_URL}{path}"


def base_context() -> dict:
    return {"site_settings": SiteSettings.for_default_site(), "site_url": settings.SITE_URL}


def compose(
    to: str, subject: str, template: str, context: dict, *, language: str | None = None
) -> EmailMultiAlternatives:
    """An HTML + text message from `template`.txt and `template`.html, in `language` (the
    member's, or the visitor's for allauth's messages; French by default)."""
    with translation.override(language or settings.LANGUAGE_CODE):
        context = {**base_context(), **context, "subject": subject}
        text = render_to_string(f"{template}.txt", context).strip()
        html = render_to_string(f"{template}.html", context)
        subject = " ".join(str(subject).split())
    message = EmailMultiAlternatives(subject, text, to=[to])
    message.attach_alternative(html, "text/html")
    return message


def deliver(message: EmailMessage, *, key: str, category: str) -> None:
    """Queue one message in the outbox; `key` names it uniquely, so it is never sent twice."""
    outbox.enqueue(message, key=key, category=category)


def send(
    to: str,
    subject: str,
    template: str,
    context: dict,
    *,
    key: str,
    category: str,
    language: str | None = None,
) -> None:
    deliver(compose(to, subject, template, context, language=language), key=key, category=category)
