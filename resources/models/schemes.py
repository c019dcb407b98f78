"""Support schemes (collective or individual support), optionally with an application form."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField, FormSubmission
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from resources.applications import ApplicationFormBuilder, record_application, serve_scheme
from resources.blocks import ResourceStreamBlock
from resources.choices import ResourceKind
from resources.models.base import TEXT_FEATURES, ResourcePage


class SupportSchemePage(ResourcePage, AbstractEmailForm):
    """A support scheme (e.g. peer mentoring); with form fields, also its call for applications."""

    resource_kind = ResourceKind.SCHEME

    class SchemeKind(models.TextChoices):
        COLLECTIVE = "collective", _("Accompagnement collectif")
        INDIVIDUAL = "individual", _("Accompagnement individuel")
        MIXED = "mixed", _("Individuel et collectif")

    scheme_kind = models.CharField(
        _("forme d’accompagnement"),
        max_length=20,
        choices=SchemeKind.choices,
        default=SchemeKind.INDIVIDUAL,
    )
    for_whom = RichTextField(_("pour qui ?"), blank=True, features=TEXT_FEATURES)
    eligibility = RichTextField(_("conditions d’éligibilité"), blank=True, features=TEXT_FEATURES)
    benefits = RichTextField(_("ce que le dispositif apporte"), blank=True, features=TEXT_FEATURES)
    how_it_works = RichTextField(_("comment ça se passe"), blank=True, features=TEXT_FEATURES)
    how_to_apply = RichTextField(_("comment candidater"), blank=True, features=TEXT_FEATURES)
    body = StreamField(ResourceStreamBlock(), verbose_name=_("compléments"), blank=True)
    deadline = models.DateTimeField(
        _("date limite de candidature"),
        null=True,
        blank=True,
        help_text=_("Le formulaire se ferme automatiquement après cette date."),
    )
    contacts = RichTextField(_("contacts"), blank=True, features=TEXT_FEATURES)
    form_intro = RichTextField(_("texte avant le formulaire"), blank=True, features=TEXT_FEATURES)
    thank_you_text = RichTextField(_("message de remerciement"), blank=True, features=TEXT_FEATURES)
    closed_text = RichTextField(
        _("message quand l’appel est clos"), blank=True, features=TEXT_FEATURES
    )
    confirmation_subject = models.CharField(
        _("objet de l’e-mail de confirmation"), max_length=255, blank=True
    )
    confirmation_text = models.TextField(
        _("texte de l’e-mail de confirmation"),
        blank=True,
        help_text=_(
            "Envoyé à l’adresse saisie dans le premier champ « E-mail » du formulaire, "
            "suivi du récapitulatif de la candidature."
        ),
    )

    content_panels = ResourcePage.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("summary"),
        FieldPanel("scheme_kind"),
        FieldPanel("image"),
        FieldPanel("for_whom"),
        FieldPanel("eligibility"),
        FieldPanel("benefits"),
        FieldPanel("how_it_works"),
        FieldPanel("how_to_apply"),
        FieldPanel("body"),
        FieldPanel("contacts"),
        FieldPanel("publication_date"),
        ResourcePage.taxonomy_panel,
        MultiFieldPanel(
            [
                FieldPanel("deadline"),
                FieldPanel("form_intro"),
                InlinePanel("form_fields", label=_("Champs du formulaire")),
                FieldPanel("thank_you_text"),
                FieldPanel("closed_text"),
            ],
            heading=_("Appel à candidatures"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("confirmation_subject"),
                FieldPanel("confirmation_text"),
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("E-mails"),
        ),
    ]
    search_fields = ResourcePage.search_fields + [
        index.SearchField("for_whom"),
        index.SearchField("benefits"),
        index.SearchField("how_it_works"),
        index.SearchField("body"),
    ]

    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types: list[str] = []
    template = "resources/support_scheme_page.html"
    landing_page_template = "resources/support_scheme_page_landing.html"
    form_builder = ApplicationFormBuilder

    class Meta:
        verbose_name = _("dispositif d’accompagnement")
        verbose_name_plural = _("dispositifs d’accompagnement")

    @property
    def has_form(self) -> bool:
        return bool(self.form_fields.all())

    @property
    def is_open(self) -> bool:
        """Applications are accepted while the form has fields and the deadline is not past."""
        return self.has_form and (self.deadline is None or timezone.now() <= self.deadline)

    def serve(self, request, *args, **kwargs):
        return serve_scheme(self, request, *args, **kwargs)

    def process_form_submission(self, form):
        submission = record_application(self, form)
        if form.user is not None and form.user.is_authenticated:
            SchemeApplicationAccount.objects.create(submission=submission, user=form.user)
        return submission

    def get_json_ld(self, request):
        data = self.json_ld_base(request, "Service")
        data["serviceType"] = self.get_scheme_kind_display()
        data["provider"] = {"@type": "Organization", "name": self.site_name(request)}
        return data


class SchemeFormField(AbstractFormField):
    """A field of a support scheme's application form."""

    page = ParentalKey(SupportSchemePage, related_name="form_fields", on_delete=models.CASCADE)


class SchemeApplicationAccount(models.Model):
    """The account that sent an application while logged in (Wagtail's submissions know no
    user): its space lists it. Closing the account deletes this link, not the application."""

    submission = models.OneToOneField(
        FormSubmission, on_delete=models.CASCADE, related_name="scheme_account"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte"),
        on_delete=models.CASCADE,
        related_name="scheme_applications",
    )

    class Meta:
        verbose_name = _("compte d’une candidature")
        verbose_name_plural = _("comptes des candidatures")

    def __str__(self) -> str:
        return f"{self.user} — {self.submission_id}"
