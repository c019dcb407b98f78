"""Registrations to events, and the per-event row locked while seats change hands."""

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from events.choices import ACTIVE_STATUSES, RegistrationStatus
from hub.locales import language_field


def normalise_email(address: str) -> str:
    """One spelling per mailbox, so "Ada@Example.org " and "ada@example.org" are the same seat."""
    return address.strip().casefold()


class EventState(models.Model):
    """Per-event bookkeeping kept out of page revisions (publishing a revision never rewinds it).

    Its row is locked (SELECT … FOR UPDATE) while a seat is taken, freed or handed on, and it
    carries the calendar SEQUENCE that grows each time the event's date, place or status change.
    """

    event = models.OneToOneField(
        "events.EventPage", on_delete=models.CASCADE, primary_key=True, related_name="state"
    )
    ics_sequence = models.PositiveIntegerField(_("version du calendrier"), default=0)
    calendar_fingerprint = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("état d’un événement")

    def __str__(self) -> str:
        return f"{self.event_id} (SEQUENCE {self.ics_sequence})"


class Registration(models.Model):
    """One person's registration to one event: confirmed, waiting, pending approval or ended."""

    # Not a "use" of the event page for Wagtail's usage listing: indexing each registration
    # cost five queries inside the seat lock and listed people's rows under the page.
    wagtail_reference_index_ignore = True

    class Source(models.TextChoices):
        PUBLIC = "public", _("Formulaire public")
        EDITOR = "editor", _("Ajout par l’équipe")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("événement"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    status = models.CharField(
        _("statut"), max_length=20, choices=RegistrationStatus.choices, db_index=True
    )
    name = models.CharField(_("nom et prénom"), max_length=200)
    email = models.EmailField(_("e-mail"), max_length=254)
    email_normalised = models.CharField(max_length=254, editable=False)
    organisation = models.CharField(_("structure"), max_length=200, blank=True)
    role = models.CharField(_("fonction"), max_length=200, blank=True)
    accessibility_needs = models.TextField(_("besoins d’accessibilité"), blank=True)
    consent_at = models.DateTimeField(_("consentement donné le"), null=True, blank=True)
    source = models.CharField(
        _("origine"), max_length=10, choices=Source.choices, default=Source.PUBLIC
    )
    # The language of the page the person registered from: their e-mails are written in it.
    language = language_field()
    created_at = models.DateTimeField(_("inscrit le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)
    confirmed_at = models.DateTimeField(_("confirmée le"), null=True, blank=True)
    # Order of the waiting list: when the person joined it (ties broken by id).
    waitlisted_at = models.DateTimeField(_("en liste d’attente depuis"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("annulée le"), null=True, blank=True)
    attended_at = models.DateTimeField(_("présence constatée le"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("rappel envoyé le"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymisée le"), null=True, blank=True)
    # Grows when this person is sent a changed calendar entry (e.g. their own cancellation).
    ics_sequence_offset = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("inscription")
        verbose_name_plural = _("inscriptions")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email_normalised"],
                condition=Q(status__in=ACTIVE_STATUSES) & ~Q(email_normalised=""),
                name="events_one_active_registration_per_email",
            )
        ]
        indexes = [models.Index(fields=["event", "status", "waitlisted_at"])]

    def __str__(self) -> str:
        return f"{self.name} — {self.get_status_display()}"

    def save(self, *args, **kwargs):
        if self.anonymised_at is None:
            self.email_normalised = normalise_email(self.email)
        super().save(*args, **kwargs)

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    def waiting_position(self) -> int | None:
        """1 for the next person to get a seat; None when not on the waiting list."""
        if self.status != RegistrationStatus.WAITING:
            return None
        ahead = Registration.objects.filter(
            event_id=self.event_id, status=RegistrationStatus.WAITING
        ).filter(
            Q(waitlisted_at__lt=self.waitlisted_at)
            | Q(waitlisted_at=self.waitlisted_at, id__lt=self.id)
        )
        return ahead.count() + 1
