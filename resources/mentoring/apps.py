from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentoringConfig(AppConfig):
    """Peer mentoring: applications, matching, pairings, attestations, the public mesh."""

    name = "resources.mentoring"
    label = "mentoring"
    verbose_name = _("Mentorat entre pairs")
    default_auto_field = "django.db.models.BigAutoField"
