"""Choices shared by the resource models and the listing."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ResourceKind(models.TextChoices):
    GUIDE = "guide", _("Guide")
    TRAINING = "training", _("Formation")
    SCHEME = "scheme", _("Accompagnement")
