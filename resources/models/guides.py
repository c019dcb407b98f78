"""Guides: reference frameworks, toolkits, studies and working-group recommendations."""

import math

from django import forms
from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.documents import get_document_model_string
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from resources.blocks import ResourceStreamBlock
from resources.choices import ResourceKind
from resources.models.base import ResourcePage

WORDS_PER_MINUTE = 200


class GuidePage(ResourcePage):
    """A guide, reference framework, toolkit, study or set of recommendations."""

    resource_kind = ResourceKind.GUIDE

    class GuideType(models.TextChoices):
        GUIDE = "guide", _("Guide pratique")
        FRAMEWORK = "framework", _("Référentiel")
        TOOLKIT = "toolkit", _("Boîte à outils")
        STUDY = "study", _("Étude")
        RECOMMENDATIONS = "recommendations", _("Recommandations d’un groupe de travail")

    guide_type = models.CharField(
        _("nature du document"), max_length=30, choices=GuideType.choices, default=GuideType.GUIDE
    )
    body = StreamField(ResourceStreamBlock(), verbose_name=_("contenu"), blank=True)
    last_reviewed = models.DateField(_("dernière relecture"), null=True, blank=True)
    contributors = ParentalManyToManyField(
        "resources.Organisation",
        verbose_name=_("structures contributrices"),
        related_name="guides",
        blank=True,
    )

    content_panels = ResourcePage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("guide_type"),
        FieldPanel("image"),
        FieldPanel("body"),
        InlinePanel("documents", label=_("Documents à télécharger")),
        MultiFieldPanel(
            [
                FieldPanel("publication_date"),
                FieldPanel("last_reviewed"),
                FieldPanel("contributors", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Publication"),
        ),
        ResourcePage.taxonomy_panel,
    ]
    search_fields = ResourcePage.search_fields + [index.SearchField("body")]

    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types: list[str] = []
    template = "resources/guide_page.html"

    class Meta:
        verbose_name = _("guide")
        verbose_name_plural = _("guides")

    @property
    def reading_time(self) -> int:
        """Minutes to read the summary and body, at least one."""
        words = len(strip_tags(self.summary + " " + str(self.body)).split())
        return max(1, math.ceil(words / WORDS_PER_MINUTE))

    detail_prefetch = ("contributors__territories",)

    def get_json_ld(self, request):
        data = self.json_ld_base(request, "Article")
        data["headline"] = self.title[:110]
        data["genre"] = self.get_guide_type_display()
        data["timeRequired"] = f"PT{self.reading_time}M"
        contributors = list(self.contributors.all())
        if contributors:
            data["contributor"] = [organisation.get_json_ld() for organisation in contributors]
        if self.last_reviewed:
            data["lastReviewed"] = self.last_reviewed.isoformat()
        return data


class GuideDocument(Orderable):
    """A downloadable file attached to a guide (the PDF, a template, a spreadsheet)."""

    page = ParentalKey(GuidePage, related_name="documents", on_delete=models.CASCADE)
    document = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(_("intitulé"), max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")
