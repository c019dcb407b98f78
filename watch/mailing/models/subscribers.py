"""Subscribers of the watch digests, their consent record, and the page where people subscribe."""

import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from hub.locales import OnePerLanguageMixin, in_active_locale, language_field
from hub.models.menu import MenuTitleMixin
from hub.models.seo import SeoMixin
from watch.mailing.choices import CONSENT_WORDINGS, KIND_FIELDS, Rhythm
from watch.mailing.forms import SUBMITTED_FLAG, SubscriptionForm


def new_secret() -> str:
    return secrets.token_urlsafe(12)


class SubscriberQuerySet(models.QuerySet):
    def sendable(self):
        """Confirmed, not paused, not stopped by repeated hard failures."""
        return self.filter(status=Subscriber.Status.ACTIVE, paused_at__isnull=True)

    def sendable_for(self, rhythm: str):
        """Who receives a digest of this rhythm."""
        return self.sendable().filter(rhythm=rhythm)


class Subscriber(models.Model):
    """A person who receives the watch digest, with their topics, kinds, rhythm and consent."""

    class Status(models.TextChoices):
        PENDING = "pending", _("En attente de confirmation")
        ACTIVE = "active", _("Abonné·e")
        UNSUBSCRIBED = "unsubscribed", _("Désabonné·e")
        BOUNCING = "bouncing", _("Adresse en échec (envois arrêtés)")

    email = models.EmailField(_("adresse e-mail"), max_length=254, unique=True)
    name = models.CharField(_("nom"), max_length=120, blank=True)
    themes = models.ManyToManyField(
        "hub.Theme",
        verbose_name=_("thématiques"),
        blank=True,
        related_name="watch_subscribers",
        help_text=_("Aucune thématique cochée : toutes les thématiques."),
    )
    wants_calls = models.BooleanField(_("appels à projets"), default=True)
    wants_news = models.BooleanField(_("actualités"), default=True)
    wants_resources = models.BooleanField(_("nouvelles ressources"), default=True)
    wants_events = models.BooleanField(_("événements"), default=True)
    rhythm = models.CharField(
        _("rythme"), max_length=10, choices=Rhythm.choices, default=Rhythm.WEEKLY, db_index=True
    )
    status = models.CharField(
        _("statut"), max_length=15, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    paused_at = models.DateTimeField(_("en pause depuis"), null=True, blank=True)
    # The language of the sign-up form: notices are written in it (digests stay in French).
    language = language_field()
    # Part of every signed link: changing it revokes every link sent before.
    secret = models.CharField(_("clé des liens"), max_length=32, default=new_secret)

    created_at = models.DateTimeField(_("inscrit·e le"), default=timezone.now, db_index=True)
    confirmation_sent_at = models.DateTimeField(_("confirmation envoyée le"), null=True, blank=True)
    # The "already subscribed" e-mail: throttled on its own, so it still reaches someone who
    # signs up again just after confirming.
    reminder_sent_at = models.DateTimeField(_("rappel envoyé le"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmé·e le"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("désabonné·e le"), null=True, blank=True)

    # Consent record (GDPR art. 7): when, which wording, from which page, confirmed when.
    consent_at = models.DateTimeField(_("consentement donné le"), null=True, blank=True)
    consent_version = models.CharField(_("version du texte accepté"), max_length=20, blank=True)
    consent_source = models.CharField(_("page d’inscription"), max_length=500, blank=True)

    # Delivery health: repeated hard failures stop the mail to this address.
    hard_failures = models.PositiveSmallIntegerField(_("échecs définitifs"), default=0)
    soft_failures = models.PositiveSmallIntegerField(_("échecs temporaires"), default=0)
    last_failure_at = models.DateTimeField(_("dernier échec le"), null=True, blank=True)
    last_failure = models.CharField(_("dernier échec"), max_length=300, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("abonné·e")
        verbose_name_plural = _("abonné·es")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "rhythm", "paused_at"])]

    def __str__(self) -> str:
        return self.email

    @property
    def is_paused(self) -> bool:
        return self.paused_at is not None

    def kinds(self) -> set[str]:
        return {str(kind) for kind, name in KIND_FIELDS.items() if getattr(self, name)}

    def set_kinds(self, kinds) -> None:
        kinds = {str(kind) for kind in kinds}
        for kind, name in KIND_FIELDS.items():
            setattr(self, name, kind in kinds)

    @property
    def consent_wording(self) -> str:
        return str(CONSENT_WORDINGS.get(self.consent_version, ""))


class SubscriptionPage(OnePerLanguageMixin, SeoMixin, MenuTitleMixin, Page):
    """The page where visitors subscribe to the watch digest (form, what they will receive)."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ul"])
    after_subscribe = RichTextField(
        _("texte après l’inscription"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Affiché après l’envoi du formulaire, sous le message de confirmation."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("after_subscribe")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["hub.HomePage", "hub.StandardPage"]
    subpage_types: list[str] = []
    template = "watch/subscriptions/subscription_page.html"

    class Meta:
        verbose_name = _("page d’abonnement à la lettre")

    @classmethod
    def first_public(cls) -> "SubscriptionPage | None":
        """The page visitors are sent to when they want to subscribe (None while unpublished)."""
        return in_active_locale(cls.objects.live().public()).first()

    def get_context(self, request, *args, **kwargs):
        # A POST is answered by the sign-up view (the `before_serve_page` hook in wagtail_hooks).
        context = super().get_context(request, *args, **kwargs)
        context.update(form=SubscriptionForm(), submitted=request.GET.get(SUBMITTED_FLAG) == "1")
        return context
