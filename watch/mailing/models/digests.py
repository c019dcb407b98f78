"""Digest issues, their ordered entries, and the outbox that sends each one exactly once."""

from datetime import timedelta
from email.utils import make_msgid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from watch.mailing.choices import Kind, Rhythm


class Section(models.TextChoices):
    """Sections of a digest, in the order they appear in the e-mail."""

    CLOSING_SOON = "closing_soon", _("Appels qui ferment bientôt")
    NEW_CALLS = "new_calls", _("Nouveaux appels à projets")
    NEWS = "news", _("Actualités")
    RESOURCES = "resources", _("Nouvelles ressources")
    EVENTS = "events", _("Événements à venir")


SECTION_ORDER = [section.value for section in Section]
SECTION_KIND = {
    Section.CLOSING_SOON: Kind.CALLS,
    Section.NEW_CALLS: Kind.CALLS,
    Section.NEWS: Kind.NEWS,
    Section.RESOURCES: Kind.RESOURCES,
    Section.EVENTS: Kind.EVENTS,
}
# Sections whose entries are watch items; the others point to site pages.
ITEM_SECTIONS = {Section.CLOSING_SOON, Section.NEW_CALLS, Section.NEWS}


class Digest(ClusterableModel):
    """One issue of the digest: a period, an introduction and ordered entries, sent once."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Brouillon")
        SCHEDULED = "scheduled", _("Programmé")
        SENDING = "sending", _("Envoi en cours")
        SENT = "sent", _("Envoyé")
        # Finished without anyone receiving it: never « Envoyé », never in the public archive.
        NOTHING = "nothing", _("Rien à envoyer")
        FAILED = "failed", _("Échec de l’envoi")
        CANCELLED = "cancelled", _("Annulé")

    FINISHED_STATUSES = (Status.SENT, Status.NOTHING, Status.FAILED)

    title = models.CharField(_("titre"), max_length=200)
    rhythm = models.CharField(
        _("destinataires"),
        max_length=10,
        choices=Rhythm.choices,
        default=Rhythm.WEEKLY,
        help_text=_("La lettre part aux personnes abonnées à ce rythme."),
    )
    period_start = models.DateTimeField(_("début de la période"))
    period_end = models.DateTimeField(_("fin de la période"))
    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link", "ul", "ol"]
    )
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    scheduled_for = models.DateTimeField(_("envoi programmé le"), null=True, blank=True)
    # Set on automatic drafts ("weekly-2026-11-16") so a schedule that runs twice makes one draft.
    draft_key = models.CharField(max_length=40, unique=True, null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("créé le"), default=timezone.now)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)
    send_started_at = models.DateTimeField(_("envoi commencé le"), null=True, blank=True)
    sent_at = models.DateTimeField(_("envoyé le"), null=True, blank=True, db_index=True)
    recipients_total = models.PositiveIntegerField(_("destinataires"), default=0)

    panels = [
        FieldPanel("title"),
        FieldRowPanel(
            [
                FieldPanel("period_start"),
                FieldPanel(
                    "period_end",
                    heading=_("Fin de la période (exclue)"),
                    help_text=_(
                        "Le premier instant qui n’en fait plus partie : le lundi 30 novembre à "
                        "0 h termine une période dont le dernier jour est le dimanche 29."
                    ),
                ),
            ]
        ),
        FieldPanel("rhythm"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [InlinePanel("entries", label=_("Élément"))],
            heading=_("Contenu (glissez pour réordonner)"),
        ),
    ]

    class Meta:
        verbose_name = _("lettre de veille")
        verbose_name_plural = _("lettres de veille")
        ordering = ["-period_end", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def period_last_day(self):
        """The last day the period includes: `period_end` itself is excluded (a Monday 00:00
        ends the week before it)."""
        return timezone.localtime(self.period_end - timedelta(microseconds=1)).date()

    @property
    def is_editable(self) -> bool:
        return self.status in {self.Status.DRAFT, self.Status.SCHEDULED}

    def get_absolute_url(self) -> str:
        return reverse("mailing:digest_archive_detail", args=[self.pk])

    def progress(self) -> dict:
        """Counts of the outbox by state, for the admin and the command's progress bar."""
        counts = dict(self.outbox.values_list("status").annotate(n=models.Count("id")).order_by())
        total = sum(counts.values())
        done = sum(counts.get(s, 0) for s in OutboxMessage.FINAL_STATUSES)
        return {
            "total": total,
            "sent": counts.get(OutboxMessage.Status.SENT, 0),
            "failed": counts.get(OutboxMessage.Status.FAILED, 0),
            "skipped": counts.get(OutboxMessage.Status.SKIPPED, 0),
            "pending": sum(counts.get(s, 0) for s in OutboxMessage.UNFINISHED_STATUSES),
            "done": done,
            "percent": round(100 * done / total) if total else 0,
        }


class DigestEntry(Orderable):
    """A watch item or a site page placed in one section of a digest."""

    digest = ParentalKey(Digest, related_name="entries", on_delete=models.CASCADE)
    section = models.CharField(_("rubrique"), max_length=20, choices=Section.choices)
    item = models.ForeignKey(
        "watch.Item",
        verbose_name=_("élément de veille"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="digest_entries",
        limit_choices_to={"status": "accepted"},
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page du site (ressource, événement)"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("section"), FieldPanel("item"), PageChooserPanel("page")]

    class Meta(Orderable.Meta):
        verbose_name = _("élément de la lettre")
        verbose_name_plural = _("éléments de la lettre")

    def __str__(self) -> str:
        target = self.item or self.page
        return str(target) if target else "—"

    def clean(self):
        if bool(self.item_id) == bool(self.page_id):
            raise ValidationError(
                _("Choisissez soit un élément de veille, soit une page du site (un seul des deux).")
            )
        if self.section in ITEM_SECTIONS and not self.item_id:
            raise ValidationError({"item": _("Cette rubrique contient des éléments de veille.")})
        if self.section not in ITEM_SECTIONS and not self.page_id:
            raise ValidationError({"page": _("Cette rubrique contient des pages du site.")})


def new_message_id(digest_id: int) -> str:
    """A unique Message-ID for one digest's message, in the site's domain."""
    return make_msgid(idstring=f"digest-{digest_id}", domain=site_host())


def site_host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


class OutboxQuerySet(models.QuerySet):
    def received_keys(self, subscriber_ids, except_digest: int | None = None) -> dict[int, set]:
        """What each subscriber already received (entry keys), from recent sent messages."""
        days = settings.WATCH_DIGEST_REPEAT_WINDOW_DAYS
        rows = self.filter(
            subscriber_id__in=subscriber_ids,
            status=OutboxMessage.Status.SENT,
            sent_at__gte=timezone.now() - timedelta(days=days),
        )
        if except_digest:
            rows = rows.exclude(digest_id=except_digest)
        keys: dict[int, set[str]] = {}
        for subscriber_id, entry_keys in rows.values_list("subscriber_id", "entry_keys"):
            keys.setdefault(subscriber_id, set()).update(entry_keys or [])
        return keys


class OutboxMessage(models.Model):
    """One digest to one subscriber: claimed, sent and marked exactly once.

    Holds the subscriber's id only (never the address), so erasing a subscriber leaves no trace.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("À envoyer")
        SENDING = "sending", _("En cours d’envoi")
        SENT = "sent", _("Envoyé")
        FAILED = "failed", _("Échec")
        SKIPPED = "skipped", _("Rien de nouveau pour cette personne")

    FINAL_STATUSES = (Status.SENT, Status.FAILED, Status.SKIPPED)
    UNFINISHED_STATUSES = (Status.PENDING, Status.SENDING)

    digest = models.ForeignKey(Digest, on_delete=models.CASCADE, related_name="outbox")
    subscriber = models.ForeignKey(
        "mailing.Subscriber", null=True, on_delete=models.SET_NULL, related_name="outbox"
    )
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("tentatives"), default=0)
    next_attempt_at = models.DateTimeField(_("prochaine tentative"), default=timezone.now)
    # The claim: a worker owns the row while claimed_at is younger than the lease.
    claimed_at = models.DateTimeField(null=True, blank=True)
    claim_token = models.CharField(max_length=32, blank=True, db_index=True)
    sent_at = models.DateTimeField(_("envoyé le"), null=True, blank=True)
    # What this message contained ("item:12", "page:7"): never sent again to the same person.
    entry_keys = models.JSONField(default=list, blank=True)
    # Made with the row, sent as the Message-ID header: every attempt carries the same one.
    message_id = models.CharField(_("Message-ID"), max_length=255, blank=True)
    # When the server accepted the message, committed before anything else: a row accepted by a
    # worker that died before marking it sent is marked, never sent again.
    accepted_at = models.DateTimeField(_("accepté par le serveur le"), null=True, blank=True)
    last_error = models.CharField(_("dernière erreur"), max_length=300, blank=True)

    objects = OutboxQuerySet.as_manager()

    class Meta:
        verbose_name = _("message à envoyer")
        verbose_name_plural = _("boîte d’envoi")
        constraints = [
            models.UniqueConstraint(
                fields=["digest", "subscriber"], name="watch_outbox_one_per_subscriber"
            )
        ]
        indexes = [
            models.Index(fields=["digest", "status", "next_attempt_at"]),
            models.Index(fields=["subscriber", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.digest_id}/{self.subscriber_id}: {self.status}"
