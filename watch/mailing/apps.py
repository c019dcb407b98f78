from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailingConfig(AppConfig):
    """Subscribers, digests, the outbox and sending."""

    name = "watch.mailing"
    label = "mailing"
    verbose_name = _("Lettre de veille")
    default_auto_field = "django.db.models.BigAutoField"
