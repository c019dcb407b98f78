"""Choices shared by event pages, registrations and calendars."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventFormat(models.TextChoices):
    WORKSHOP = "workshop", _("Atelier")
    MASTERCLASS = "masterclass", _("Masterclass")
    TRAINING = "training", _("Formation")
    MEETUP = "meetup", _("Rencontre professionnelle")
    HACKATHON = "hackathon", _("Hackathon")
    CREATIVE_WEEKEND = "creative_weekend", _("Week-end de création")
    CONFERENCE = "conference", _("Conférence")
    WEBINAR = "webinar", _("Webinaire")


class AttendanceMode(models.TextChoices):
    IN_PERSON = "in_person", _("Sur place")
    ONLINE = "online", _("En ligne")
    MIXED = "mixed", _("Sur place et en ligne")


class RegistrationMode(models.TextChoices):
    OPEN = "open", _("Inscription directe")
    APPROVAL = "approval", _("Sur validation par l’équipe")
    EXTERNAL = "external", _("Lien d’inscription externe")
    NONE = "none", _("Sans inscription")


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Programmé")
    CANCELLED = "cancelled", _("Annulé")
    POSTPONED = "postponed", _("Reporté")


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmée")
    WAITING = "waiting", _("Liste d’attente")
    PENDING = "pending", _("En attente de validation")
    DECLINED = "declined", _("Refusée")
    CANCELLED = "cancelled", _("Annulée")


# Statuses that hold (or may come to hold) a seat: one per e-mail and event.
ACTIVE_STATUSES = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITING,
    RegistrationStatus.PENDING,
)
