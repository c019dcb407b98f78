"""The transactional outbox: every one-to-one e-mail the site sends, kept until it is delivered."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutgoingEmail(models.Model):
    """One transactional e-mail (registration, application, sign-up…), stored before it leaves.

    Holds what any Django e-mail backend needs to rebuild the message (not raw MIME), so a crash
    or a mail server outage never loses it; hub/outbox.py claims, sends and retries it.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("À envoyer")
        SENDING = "sending", _("En cours d’envoi")
        SENT = "sent", _("Envoyé")
        FAILED = "failed", _("Échec")

    # What the caller says this message is ("events:confirmed:12:…"): enqueued once only.
    key = models.CharField(_("clé"), max_length=200, unique=True)
    category = models.CharField(_("catégorie"), max_length=60, db_index=True)
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    subject = models.CharField(_("objet"), max_length=998)
    from_email = models.CharField(_("expéditeur"), max_length=320)
    to = models.JSONField(_("destinataires"), default=list)
    cc = models.JSONField(default=list, blank=True)
    bcc = models.JSONField(default=list, blank=True)
    reply_to = models.JSONField(default=list, blank=True)
    headers = models.JSONField(default=dict, blank=True)
    body = models.TextField(_("texte"), blank=True)
    content_subtype = models.CharField(max_length=20, default="plain")
    # [[content, mimetype], …] and [{"filename", "content", "mimetype", "base64"}, …]
    alternatives = models.JSONField(default=list, blank=True)
    attachments = models.JSONField(default=list, blank=True)
    # Fixed at enqueue time and sent on every attempt: a server log or a mail client can tell a
    # retry of the same message from a new one.
    message_id = models.CharField(_("Message-ID"), max_length=255)
    attempts = models.PositiveSmallIntegerField(_("tentatives"), default=0)
    next_attempt_at = models.DateTimeField(_("prochaine tentative"), default=timezone.now)
    # The claim: a worker owns the row while claimed_at is younger than the lease.
    claimed_at = models.DateTimeField(null=True, blank=True)
    claim_token = models.CharField(max_length=32, blank=True)
    created_at = models.DateTimeField(_("créé le"), default=timezone.now)
    sent_at = models.DateTimeField(_("accepté par le serveur le"), null=True, blank=True)
    last_error = models.CharField(_("dernière erreur"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("courriel transactionnel")
        verbose_name_plural = _("courriels transactionnels")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="hub_outgoing_due"),
            models.Index(fields=["status", "created_at"], name="hub_outgoing_status_created"),
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def recipients(self) -> str:
        return ", ".join(self.to)
