from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollectionConfig(AppConfig):
    """Sources, fetching, items, curation; keeps the label `watch` of its tables and migrations."""

    name = "watch.collection"
    label = "watch"
    verbose_name = _("Veille")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from watch.collection import checks  # noqa: F401 - registers the system checks
