"""A person's membership of the cluster: who they are, their request, what others may see."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hub.locales import language_field


class MemberProfile(models.Model):
    """One account's membership request and member profile (approved by an editor)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("En attente")
        APPROVED = "approved", _("Approuvée")
        DECLINED = "declined", _("Refusée")

    class Visibility(models.TextChoices):
        LISTED = "listed", _("Dans l’annuaire des membres : ma structure et mon nom")
        STRUCTURE = "structure", _("Dans l’annuaire des membres : ma structure seulement")
        HIDDEN = "hidden", _("Pas dans l’annuaire")

    class Notifications(models.TextChoices):
        EACH_POST = "each", _("Un e-mail à chaque nouveau message")
        DAILY = "daily", _("Un résumé par jour")
        NONE = "none", _("Aucun e-mail")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte"),
        on_delete=models.CASCADE,
        related_name="member_profile",
    )
    full_name = models.CharField(_("nom et prénom"), max_length=200)
    structure = models.CharField(_("structure"), max_length=200)
    role = models.CharField(_("fonction"), max_length=200)
    sectors = models.ManyToManyField(
        "hub.Sector", verbose_name=_("filières"), blank=True, related_name="+"
    )
    territory = models.ForeignKey(
        "hub.Territory",
        verbose_name=_("territoire"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    motivation = models.TextField(_("pourquoi rejoindre le réseau"))
    bio = models.TextField(_("présentation"), blank=True)
    website = models.URLField(_("site web"), blank=True)
    visibility = models.CharField(
        _("visibilité dans l’annuaire"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.HIDDEN,
    )
    show_email = models.BooleanField(_("montrer mon e-mail aux membres"), default=False)
    notifications = models.CharField(
        _("e-mails des espaces de travail"),
        max_length=10,
        choices=Notifications.choices,
        default=Notifications.EACH_POST,
    )
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    requested_at = models.DateTimeField(_("demandée le"), auto_now_add=True)
    # The language of the membership request: the member's e-mails are written in it.
    language = language_field()
    decided_at = models.DateTimeField(_("décidée le"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("décidée par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision_note = models.TextField(
        _("message joint à la décision"),
        blank=True,
        help_text=_("Envoyé à la personne avec la décision."),
    )
    # Where the daily summary of workspace messages last stopped.
    summary_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("adhésion")
        verbose_name_plural = _("adhésions")
        ordering = ["-requested_at", "id"]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.structure})"

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def email(self) -> str:
        return self.user.email
