"""Peer mentoring: the programme page and its call, applications, pairings, the public mesh."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from hub.locales import language_field
from hub.models import Sector, Territory
from hub.models.menu import MenuTitleMixin
from hub.models.taxonomy import TaxonomyTerm
from resources.mentoring.choices import (
    OPEN_PAIRING_STATES,
    ApplicationState,
    Format,
    Kind,
    PairingState,
)

TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3"]

# The consent wording shown in the form, per version; an application records the version it saw.
CONSENT_VERSION = "2026-12"
CONSENT_WORDINGS = {
    "2026-12": _(
        "J’accepte que mes données soient utilisées pour étudier ma candidature et me proposer "
        "un binôme, comme l’explique la politique de confidentialité."
    ),
}


class ExpertiseDomain(TaxonomyTerm):
    """A domain of know-how people offer or seek (payroll, touring, European funding…)."""

    description = models.CharField(_("description"), max_length=255, blank=True)

    panels = TaxonomyTerm.panels + [FieldPanel("description")]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("domaine d’expertise")
        verbose_name_plural = _("domaines d’expertise")


class TerritoryNeighbours(models.Model):
    """Two territories close enough to meet in person; read both ways by the matching."""

    territory = models.ForeignKey(
        Territory, verbose_name=_("territoire"), on_delete=models.CASCADE, related_name="+"
    )
    neighbour = models.ForeignKey(
        Territory, verbose_name=_("territoire voisin"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("territory"), FieldPanel("neighbour")]

    class Meta:
        verbose_name = _("territoires voisins")
        verbose_name_plural = _("territoires voisins")
        constraints = [
            models.UniqueConstraint(fields=["territory", "neighbour"], name="unique_neighbours")
        ]

    def __str__(self) -> str:
        return f"{self.territory} ↔ {self.neighbour}"


class MentoringProgrammePage(MenuTitleMixin, Page):
    """A peer-mentoring programme and its call for applications (open until its deadline)."""

    intro = RichTextField(_("introduction"), blank=True, features=TEXT_FEATURES)
    body = RichTextField(_("comment ça se passe"), blank=True, features=TEXT_FEATURES)
    deadline = models.DateTimeField(
        _("date limite de candidature"),
        null=True,
        blank=True,
        help_text=_("Le formulaire se ferme automatiquement après cette date."),
    )
    closed_at = models.DateTimeField(
        _("appel clos le"),
        null=True,
        blank=True,
        help_text=_(
            "Rempli à la clôture automatique ; videz-le et repoussez la date pour rouvrir."
        ),
    )
    thank_you_text = RichTextField(_("message de remerciement"), blank=True, features=TEXT_FEATURES)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("deadline"), FieldPanel("closed_at"), FieldPanel("thank_you_text")],
            heading=_("Appel à candidatures"),
        ),
    ]
    parent_page_types = ["hub.HomePage"]
    subpage_types = ["mentoring.MentoringMeshPage"]
    template = "mentoring/programme_page.html"

    class Meta:
        verbose_name = _("programme de mentorat")
        verbose_name_plural = _("programmes de mentorat")

    @property
    def is_open(self) -> bool:
        """Open until closed, and never past the deadline even before the closing task ran."""
        if self.closed_at is not None:
            return False
        return self.deadline is None or timezone.now() <= self.deadline


class MentoringMeshPage(Page):
    """The public mesh: how many mentors per domain and territory, and the public profiles."""

    intro = RichTextField(_("introduction"), blank=True, features=TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["mentoring.MentoringProgrammePage"]
    subpage_types: list[str] = []
    template = "mentoring/mesh_page.html"

    class Meta:
        verbose_name = _("réseau des mentors")
        verbose_name_plural = _("réseaux des mentors")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        mentors = Application.objects.mentors()
        context["domains"] = (
            ExpertiseDomain.objects.annotate(
                mentors=Count("applications", filter=Q(applications__in=mentors), distinct=True)
            )
            .filter(mentors__gt=0)
            .order_by("-mentors", "sort_order", "name")
        )
        context["territories"] = (
            Territory.objects.annotate(
                mentors=Count(
                    "mentoring_applications",
                    filter=Q(mentoring_applications__in=mentors),
                    distinct=True,
                )
            )
            .filter(mentors__gt=0)
            .order_by("-mentors", "sort_order", "name")
        )
        context["profiles"] = (
            mentors.filter(public_profile=True)
            .select_related("territory")
            .prefetch_related("domains")
            .order_by("name")
        )
        return context


class ApplicationQuerySet(models.QuerySet):
    def mentors(self):
        """Applications offering mentoring that editors did not turn down."""
        return self.filter(kind__in=[Kind.OFFER, Kind.BOTH]).exclude(
            state=ApplicationState.DECLINED
        )

    def seekers(self):
        return self.filter(kind__in=[Kind.SEEK, Kind.BOTH]).exclude(state=ApplicationState.DECLINED)


class Application(models.Model):
    """One person's application to a programme: what they offer or seek, when and how."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    programme = models.ForeignKey(
        MentoringProgrammePage,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="applications",
    )
    kind = models.CharField(_("je souhaite"), max_length=10, choices=Kind.choices)
    state = models.CharField(
        _("état"), max_length=10, choices=ApplicationState.choices, default=ApplicationState.NEW
    )
    name = models.CharField(_("nom et prénom"), max_length=200)
    email = models.EmailField(_("e-mail"), max_length=254)
    # The account that applied while logged in (its space lists the application); closing the
    # account only detaches it: the programme's team keeps the application.
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="mentoring_applications",
    )
    structure = models.CharField(_("structure"), max_length=200)
    role = models.CharField(_("fonction"), max_length=200)
    territory = models.ForeignKey(
        Territory,
        verbose_name=_("territoire"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="mentoring_applications",
    )
    sectors = models.ManyToManyField(
        Sector, verbose_name=_("filières"), blank=True, related_name="mentoring_applications"
    )
    domains = models.ManyToManyField(
        ExpertiseDomain, verbose_name=_("domaines"), related_name="applications"
    )
    hours_per_month = models.PositiveSmallIntegerField(_("heures par mois"))
    available_from = models.DateField(_("disponible à partir du"), null=True, blank=True)
    available_until = models.DateField(_("disponible jusqu’au"), null=True, blank=True)
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    capacity = models.PositiveSmallIntegerField(
        _("personnes accompagnées en même temps"), default=1
    )
    message = models.TextField(_("en quelques lignes"), max_length=1500, blank=True)
    public_profile = models.BooleanField(_("profil public"), default=False)
    consent_version = models.CharField(_("version du consentement"), max_length=20)
    consented_at = models.DateTimeField(_("consentement donné le"))
    created_at = models.DateTimeField(_("reçue le"), auto_now_add=True)
    # The language of the form: the person's e-mails (receipt, pairing) are written in it.
    language = language_field()

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("candidature au mentorat")
        verbose_name_plural = _("candidatures au mentorat")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.structure})"

    @property
    def offers(self) -> bool:
        return self.kind in (Kind.OFFER, Kind.BOTH)

    # For the CSV export (its listing prefetches both).
    def domain_names(self) -> str:
        return ", ".join(domain.name for domain in self.domains.all())

    def sector_names(self) -> str:
        return ", ".join(sector.name for sector in self.sectors.all())


class Pairing(models.Model):
    """A mentor and a mentee, from the editor's proposal to completion or cancellation."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    programme = models.ForeignKey(
        MentoringProgrammePage,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="pairings",
    )
    mentor = models.ForeignKey(
        Application,
        verbose_name=_("mentor ou mentore"),
        on_delete=models.CASCADE,
        related_name="pairings_as_mentor",
    )
    mentee = models.ForeignKey(
        Application,
        verbose_name=_("personne accompagnée"),
        on_delete=models.CASCADE,
        related_name="pairings_as_mentee",
    )
    state = models.CharField(
        _("état"), max_length=10, choices=PairingState.choices, default=PairingState.PROPOSED
    )
    domains = models.ManyToManyField(ExpertiseDomain, verbose_name=_("domaines"), blank=True)
    score = models.PositiveSmallIntegerField(_("score"), default=0)
    reasons = models.JSONField(_("raisons"), default=list, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_at = models.DateTimeField(_("proposé le"), auto_now_add=True)
    mentor_accepted_at = models.DateTimeField(null=True, blank=True)
    mentee_accepted_at = models.DateTimeField(null=True, blank=True)
    declined_by = models.CharField(max_length=10, blank=True)
    start_date = models.DateField(_("date de début"), null=True, blank=True)
    planned_hours = models.PositiveSmallIntegerField(_("heures prévues"), null=True, blank=True)
    hours_done = models.PositiveSmallIntegerField(_("heures réalisées"), null=True, blank=True)
    completed_at = models.DateTimeField(_("terminé le"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("annulé le"), null=True, blank=True)
    mentor_evaluation = models.TextField(_("bilan du mentor"), max_length=1000, blank=True)
    mentee_evaluation = models.TextField(
        _("bilan de la personne accompagnée"), max_length=1000, blank=True
    )

    class Meta:
        verbose_name = _("binôme")
        verbose_name_plural = _("binômes")
        ordering = ["-proposed_at"]
        constraints = [
            # A seeker is in at most one open pairing (pairings.propose also checks, with locks).
            models.UniqueConstraint(
                fields=["mentee"],
                condition=Q(state__in=[state.value for state in OPEN_PAIRING_STATES]),
                name="one_open_pairing_per_mentee",
            )
        ]

    def __str__(self) -> str:
        return f"{self.mentor.name} → {self.mentee.name}"

    def party(self, role: str) -> Application:
        return self.mentor if role == "mentor" else self.mentee
