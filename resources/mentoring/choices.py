"""The states and options of mentoring, shared by models, forms, services and templates."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    OFFER = "offer", _("Je propose un mentorat")
    SEEK = "seek", _("Je cherche un mentorat")
    BOTH = "both", _("Les deux")


class Format(models.TextChoices):
    REMOTE = "remote", _("À distance")
    ON_SITE = "on_site", _("Sur place")
    EITHER = "either", _("Les deux me conviennent")


class ApplicationState(models.TextChoices):
    NEW = "new", _("À étudier")
    RETAINED = "retained", _("Retenue")
    DECLINED = "declined", _("Non retenue")


class PairingState(models.TextChoices):
    PROPOSED = "proposed", _("Proposé")
    ACCEPTED = "accepted", _("Accepté par les deux")
    ACTIVE = "active", _("En cours")
    COMPLETED = "completed", _("Terminé")
    DECLINED = "declined", _("Décliné")
    CANCELLED = "cancelled", _("Annulé")


class Role(models.TextChoices):
    MENTOR = "mentor", _("mentor ou mentore")
    MENTEE = "mentee", _("personne accompagnée")


# A pairing in these states holds a place in the mentor's capacity.
OPEN_PAIRING_STATES = (PairingState.PROPOSED, PairingState.ACCEPTED, PairingState.ACTIVE)
