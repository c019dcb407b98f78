"""Training programmes, with the fields Qualiopi indicator 1 and the LHÉO standard expect."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from resources.choices import ResourceKind
from resources.models.base import TEXT_FEATURES, ResourcePage


class TrainingProgrammePage(ResourcePage):
    """A training programme and its sessions, described as a learner and Qualiopi expect."""

    resource_kind = ResourceKind.TRAINING

    class Modality(models.TextChoices):
        ON_SITE = "on_site", _("En présentiel")
        REMOTE = "remote", _("À distance")
        BLENDED = "blended", _("Mixte (présentiel et distance)")

    class Certification(models.TextChoices):
        NONE = "none", _("Non certifiante")
        RNCP = "rncp", _("Certification inscrite au RNCP")
        RS = "rs", _("Certification inscrite au Répertoire spécifique")

    objectives = RichTextField(_("objectifs pédagogiques"), blank=True, features=TEXT_FEATURES)
    expected_results = RichTextField(_("résultats attendus"), blank=True, features=TEXT_FEATURES)
    target_audience = models.TextField(_("public visé"), blank=True)
    prerequisites = RichTextField(_("prérequis"), blank=True, features=TEXT_FEATURES)
    programme_content = RichTextField(
        _("contenu de la formation"), blank=True, features=TEXT_FEATURES + ["h3", "h4"]
    )
    teaching_methods = RichTextField(
        _("méthodes et moyens pédagogiques"), blank=True, features=TEXT_FEATURES
    )
    assessment_methods = RichTextField(
        _("modalités d’évaluation"), blank=True, features=TEXT_FEATURES
    )
    duration_hours = models.PositiveSmallIntegerField(_("durée (heures)"), null=True, blank=True)
    duration_days = models.DecimalField(
        _("durée (jours)"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    modality = models.CharField(
        _("modalité"), max_length=20, choices=Modality.choices, default=Modality.ON_SITE
    )
    place = models.CharField(_("lieu"), max_length=255, blank=True)
    price_per_person = models.DecimalField(
        _("tarif par personne (€ HT)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    price_note = models.TextField(
        _("tarifs et conditions pour les employeurs"),
        blank=True,
        help_text=_("Ex. : tarif structure, prise en charge, conditions de règlement."),
    )
    funding_opco = models.BooleanField(
        _("OPCO (plan de développement des compétences)"), default=False
    )
    funding_cpf = models.BooleanField(_("Compte personnel de formation (CPF)"), default=False)
    funding_france_travail = models.BooleanField(_("France Travail"), default=False)
    funding_region = models.BooleanField(_("Région"), default=False)
    funding_self = models.BooleanField(_("Autofinancement"), default=False)
    funding_note = models.TextField(_("précisions sur le financement"), blank=True)
    certification = models.CharField(
        _("certification"), max_length=10, choices=Certification.choices, default="none"
    )
    certification_code = models.CharField(
        _("code RNCP ou RS"), max_length=20, blank=True, help_text=_("Ex. : RS5839")
    )
    certification_title = models.CharField(
        _("intitulé de la certification"), max_length=255, blank=True
    )
    accessibility = models.TextField(
        _("accessibilité aux personnes en situation de handicap"),
        blank=True,
        help_text=_("Locaux, adaptations possibles, démarche à suivre."),
    )
    accessibility_contact = models.CharField(
        _("référent handicap (nom et contact)"), max_length=255, blank=True
    )
    access_delay = models.CharField(
        _("délai d’accès"),
        max_length=255,
        blank=True,
        help_text=_("Ex. : inscription jusqu’à 15 jours avant le début de la session."),
    )
    training_organisation = models.ForeignKey(
        "resources.Organisation",
        verbose_name=_("organisme de formation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="training_programmes",
    )
    contact_name = models.CharField(_("contact : nom"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact : e-mail"), blank=True)
    contact_phone = models.CharField(_("contact : téléphone"), max_length=40, blank=True)

    content_panels = ResourcePage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("image"),
        MultiFieldPanel(
            [
                FieldPanel("objectives"),
                FieldPanel("expected_results"),
                FieldPanel("target_audience"),
                FieldPanel("prerequisites"),
                FieldPanel("programme_content"),
                FieldPanel("teaching_methods"),
                FieldPanel("assessment_methods"),
            ],
            heading=_("Programme"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("duration_hours"), FieldPanel("duration_days")]),
                FieldPanel("modality"),
                FieldPanel("place"),
                FieldPanel("access_delay"),
            ],
            heading=_("Durée, modalité, lieu"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("price_per_person"),
                FieldPanel("price_note"),
                FieldPanel("funding_opco"),
                FieldPanel("funding_cpf"),
                FieldPanel("funding_france_travail"),
                FieldPanel("funding_region"),
                FieldPanel("funding_self"),
                FieldPanel("funding_note"),
            ],
            heading=_("Tarifs et financement"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("certification"),
                FieldPanel("certification_code"),
                FieldPanel("certification_title"),
            ],
            heading=_("Certification"),
        ),
        MultiFieldPanel(
            [FieldPanel("accessibility"), FieldPanel("accessibility_contact")],
            heading=_("Accessibilité"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("training_organisation"),
                FieldPanel("contact_name"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
            ],
            heading=_("Organisme et contact"),
        ),
        InlinePanel("sessions", label=_("Sessions")),
        FieldPanel("publication_date"),
        ResourcePage.taxonomy_panel,
    ]
    search_fields = ResourcePage.search_fields + [
        index.SearchField("objectives"),
        index.SearchField("programme_content"),
        index.SearchField("target_audience"),
        index.FilterField("modality"),
    ]

    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types: list[str] = []
    template = "resources/training_programme_page.html"

    class Meta:
        verbose_name = _("programme de formation")
        verbose_name_plural = _("programmes de formation")

    def funding_options(self) -> list[str]:
        names = ["funding_opco", "funding_cpf", "funding_france_travail", "funding_region"]
        names.append("funding_self")
        return [
            str(self._meta.get_field(name).verbose_name) for name in names if getattr(self, name)
        ]

    detail_prefetch = ("sessions__event_page",)

    def get_json_ld(self, request):
        data = self.json_ld_base(request, "Course")
        if self.training_organisation:
            provider = self.training_organisation.get_json_ld()
        else:
            provider = {"@type": "Organization", "name": self.site_name(request) or "Passerelles"}
        data["provider"] = provider
        if self.certification != self.Certification.NONE and self.certification_title:
            data["educationalCredentialAwarded"] = self.certification_title
        if self.certification_code:
            data["courseCode"] = self.certification_code
        if self.prerequisites:
            data["coursePrerequisites"] = _plain(self.prerequisites)
        if self.objectives:
            data["teaches"] = _plain(self.objectives)
        instances = []
        for session in self.sessions.all():
            if session.status == TrainingSession.Status.CANCELLED:
                continue
            instance = {
                "@type": "CourseInstance",
                "courseMode": SCHEMA_COURSE_MODE[self.modality],
                "startDate": session.start_date.isoformat(),
                "endDate": (session.end_date or session.start_date).isoformat(),
                "location": session.place or self.place or None,
            }
            if self.duration_hours:
                instance["courseWorkload"] = f"PT{self.duration_hours}H"
            if self.price_per_person is not None:
                instance["offers"] = {
                    "@type": "Offer",
                    "price": str(self.price_per_person),
                    "priceCurrency": "EUR",
                    "availability": "https://schema.org/SoldOut"
                    if session.status == TrainingSession.Status.FULL
                    else "https://schema.org/InStock",
                }
            instances.append({key: value for key, value in instance.items() if value})
        if instances:
            data["hasCourseInstance"] = instances
        return data


SCHEMA_COURSE_MODE = {"on_site": "Onsite", "remote": "Online", "blended": "Blended"}


def _plain(html: str) -> str:
    from django.utils.html import strip_tags

    return " ".join(strip_tags(html).split())


class TrainingSession(Orderable):
    """One dated session of a programme, with its place, seats and how to register."""

    class Status(models.TextChoices):
        OPEN = "open", _("Inscriptions ouvertes")
        FULL = "full", _("Complet")
        CANCELLED = "cancelled", _("Annulée")

    page = ParentalKey(TrainingProgrammePage, related_name="sessions", on_delete=models.CASCADE)
    start_date = models.DateField(_("début"))
    end_date = models.DateField(_("fin"), null=True, blank=True)
    place = models.CharField(_("lieu"), max_length=255, blank=True)
    seats = models.PositiveSmallIntegerField(_("places"), null=True, blank=True)
    status = models.CharField(_("état"), max_length=20, choices=Status.choices, default=Status.OPEN)
    registration_url = models.URLField(_("lien d’inscription"), blank=True)
    # Registration may go through an event of the events app; linked by page so this app never
    # depends on the events app (the chooser narrows to events.EventPage at admin time only).
    event_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("événement pour s’inscrire"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("place"),
        FieldRowPanel([FieldPanel("seats"), FieldPanel("status")]),
        FieldPanel("registration_url"),
        PageChooserPanel("event_page", page_type="events.EventPage"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        return f"{self.page} — {self.start_date:%d/%m/%Y}"

    @property
    def registration_link(self) -> str:
        """Where to register: the event page when it is live, else the external link."""
        if self.status != self.Status.OPEN:
            return ""
        if self.event_page_id and self.event_page.live:
            return self.event_page.url or ""
        return self.registration_url
