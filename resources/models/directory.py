"""The directory of support actors (funders, OPCOs, training bodies…) and its public page."""

from django import forms
from django.core.paginator import Paginator
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from hub.locales import active_language
from hub.models import Territory
from hub.models.media import image_field
from hub.models.menu import MenuTitleMixin
from hub.models.seo import SeoMixin

DIRECTORY_PER_PAGE = 20


class Organisation(index.Indexed, models.Model):
    """A support actor of the directory; guides and programmes link to it."""

    class Kind(models.TextChoices):
        FUNDER = "funder", _("Financeur")
        OPCO = "opco", _("OPCO")
        TRAINING_BODY = "training_body", _("Organisme de formation")
        NETWORK = "network", _("Réseau ou fédération")
        LOCAL_AUTHORITY = "local_authority", _("Collectivité territoriale")
        INCUBATOR = "incubator", _("Incubateur ou accélérateur")
        OTHER = "other", _("Autre structure d’accompagnement")

    name = models.CharField(_("nom"), max_length=200, unique=True)
    slug = models.SlugField(_("identifiant d’URL"), max_length=200, unique=True, blank=True)
    kind = models.CharField(_("type"), max_length=30, choices=Kind.choices, db_index=True)
    description = models.TextField(_("description"), blank=True)
    territories = models.ManyToManyField(
        "hub.Territory", verbose_name=_("territoires"), related_name="+", blank=True
    )
    sectors = models.ManyToManyField(
        "hub.Sector", verbose_name=_("filières"), related_name="+", blank=True
    )
    website = models.URLField(_("site web"), blank=True)
    email = models.EmailField(_("e-mail de contact"), blank=True)
    phone = models.CharField(_("téléphone"), max_length=40, blank=True)
    address = models.TextField(_("adresse"), blank=True)
    logo = image_field(_("logo"))

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("description"),
        FieldPanel("territories", widget=forms.CheckboxSelectMultiple),
        FieldPanel("sectors", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                FieldPanel("website"),
                FieldPanel("email"),
                FieldPanel("phone"),
                FieldPanel("address"),
            ],
            heading=_("Contact"),
        ),
        FieldPanel("logo"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("description"),
        index.AutocompleteField("name"),
        index.FilterField("kind"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("structure de l’annuaire")
        verbose_name_plural = _("structures de l’annuaire")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:200]
        super().save(*args, **kwargs)

    def get_json_ld(self) -> dict:
        data = {
            "@type": "Organization",
            "name": self.name,
            "description": self.description or None,
            "url": self.website or None,
            "email": self.email or None,
            "telephone": self.phone or None,
            "address": self.address or None,
            "areaServed": [territory.translated_name for territory in self.territories.all()]
            or None,
        }
        return {key: value for key, value in data.items() if value}


class DirectoryPage(SeoMixin, MenuTitleMixin, Page):
    """The public directory of support actors, filterable by type and territory."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["hub.HomePage"]
    subpage_types: list[str] = []
    template = "resources/directory_page.html"

    class Meta:
        verbose_name = _("annuaire des structures")

    def filtered_organisations(self, request):
        kinds = [k for k in request.GET.getlist("type") if k in Organisation.Kind.values]
        territory_slugs = request.GET.getlist("territoire")
        organisations = Organisation.objects.all()
        if kinds:
            organisations = organisations.filter(kind__in=kinds)
        if territory_slugs:
            organisations = organisations.filter(
                pk__in=Organisation.territories.through.objects.filter(
                    territory__slug__in=territory_slugs
                ).values("organisation_id")
            )
        return organisations, kinds, territory_slugs

    def get_context(self, request, *args, **kwargs):
        organisations, kinds, territory_slugs = self.filtered_organisations(request)
        paginator = Paginator(
            organisations.select_related("logo").prefetch_related("territories", "sectors"),
            DIRECTORY_PER_PAGE,
        )
        page_obj = paginator.get_page(request.GET.get("page"))
        self._organisations_on_page = list(page_obj.object_list)
        context = super().get_context(request, *args, **kwargs)
        context.update(
            page_obj=page_obj,
            organisations=self._organisations_on_page,
            kind_choices=[
                (value, label, value in kinds) for value, label in Organisation.Kind.choices
            ],
            territory_choices=[
                (territory.slug, territory.translated_name, territory.slug in territory_slugs)
                for territory in Territory.objects.all()
            ],
            active_filters=bool(kinds or territory_slugs),
        )
        return context

    def get_json_ld(self, request):
        organisations = getattr(self, "_organisations_on_page", [])
        return {
            "@context": "https://schema.org",
            "@type": "CollectionPage",
            "name": self.title,
            "url": self.get_full_url(request),
            "inLanguage": active_language(),
            "hasPart": [organisation.get_json_ld() for organisation in organisations],
        }
