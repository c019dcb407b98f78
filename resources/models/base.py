"""What every resource page shares (taxonomy, summary, publication date) and the listing table.

Resource pages live in one table per type; the faceted index needs one table it can filter, sort
and count cheaply at 10,000 rows. `ResourceEntry` is that table: one row per resource page, kept in
step on every full save of the page (see `resources.entries`), indexed on what the index sorts and
filters on.
"""

from django import forms
from django.db import models
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index

from hub.locales import active_language
from hub.models.listed import ListedPageMixin
from hub.models.media import image_field
from resources.choices import ResourceKind
from resources.filter_tokens import TAXONOMY_FIELDS, page_tokens

TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]  # rich text of the resource pages


class ResourcePage(ListedPageMixin, Page):
    """Abstract base of every resource page: summary, publication date and shared taxonomy."""

    resource_kind: str = ""

    summary = models.TextField(
        _("résumé"),
        max_length=600,
        blank=True,
        help_text=_("Deux ou trois phrases, reprises dans les listes, les flux et les e-mails."),
    )
    publication_date = models.DateField(
        _("date de publication"), default=timezone.localdate, db_index=True
    )
    sectors = ParentalManyToManyField("hub.Sector", verbose_name=_("filières"), blank=True)
    territories = ParentalManyToManyField(
        "hub.Territory", verbose_name=_("territoires"), blank=True
    )

    taxonomy_panel = MultiFieldPanel(
        [
            *ListedPageMixin.taxonomy_panels,
            FieldPanel("sectors", widget=forms.CheckboxSelectMultiple),
            FieldPanel("territories", widget=forms.CheckboxSelectMultiple),
        ],
        heading=_("Classement"),
    )

    # Indexed by resources.entries instead, from the values in memory (see there why).
    search_auto_update = False
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.FilterField("publication_date"),
        index.RelatedFields("themes", [index.SearchField("name")]),
        index.RelatedFields("sectors", [index.SearchField("name")]),
        # State, place and taxonomy as tokens, so that one search query also filters
        # (see resources.filter_tokens).
        index.AutocompleteField("search_filter_tokens"),
    ]

    class Meta:
        abstract = True

    # Related rows the page's template and JSON-LD both read: loaded once per view.
    detail_prefetch: tuple[str, ...] = ()

    def get_context(self, request, *args, **kwargs):
        if self.pk:  # a preview of a page being created has no rows yet
            prefetch_related_objects([self], *TAXONOMY_FIELDS, *self.detail_prefetch)
        context = super().get_context(request, *args, **kwargs)
        # A resource always sits under a resource index; no query for its specific row.
        index_page = self.get_parent().specific_deferred
        context["index_page"] = index_page
        context["theme_links"] = [
            (theme, index_page.theme_url(theme)) for theme in self.themes.all()
        ]
        return context

    def search_filter_tokens(self) -> str:
        return page_tokens(self)

    def get_kind_display(self) -> str:
        return ResourceKind(self.resource_kind).label

    @cached_property
    def is_members_only(self) -> bool:
        """True when a view restriction (here or above) hides this page from the public."""
        return bool(self.get_view_restrictions())

    def json_ld_base(self, request, schema_type: str) -> dict:
        data = {
            "@context": "https://schema.org",
            "@type": schema_type,
            "name": self.title,
            "url": self.get_full_url(request),
            "inLanguage": active_language(),
            "datePublished": self.publication_date.isoformat() if self.publication_date else None,
            "description": self.summary or self.search_description or None,
            "keywords": ", ".join(theme.translated_name for theme in self.themes.all()) or None,
        }
        if self.last_published_at:
            data["dateModified"] = self.last_published_at.isoformat()
        if self.is_members_only:
            data["isAccessibleForFree"] = False
        return {key: value for key, value in data.items() if value not in (None, "")}


NEWEST_FIRST = ("-publication_date", "-page_id")  # walks the `resource_entry_newest` index


class ResourceEntryQuerySet(models.QuerySet):
    def live(self, under=None):
        """Entries of live resource pages (below the page `under`, when given)."""
        entries = self.filter(page__live=True)
        if under is not None:
            entries = entries.filter(page__path__startswith=under.path)
        return entries

    def newest_first(self):
        return self.order_by(*NEWEST_FIRST)


class ResourceEntry(models.Model):
    """One row per resource page, what the faceted index filters, sorts and counts on."""

    page = models.OneToOneField(
        "wagtailcore.Page",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="resource_entry",
        verbose_name=_("page"),
    )
    kind = models.CharField(_("type"), max_length=20, choices=ResourceKind.choices)
    publication_date = models.DateField(_("date de publication"))
    summary = models.TextField(_("résumé"), blank=True)
    # The page's listing image, copied like the summary so that a card needs no specific page.
    image = image_field(_("image"))
    themes = models.ManyToManyField("hub.Theme", related_name="+", blank=True)
    audiences = models.ManyToManyField("hub.Audience", related_name="+", blank=True)
    sectors = models.ManyToManyField("hub.Sector", related_name="+", blank=True)
    territories = models.ManyToManyField("hub.Territory", related_name="+", blank=True)

    objects = ResourceEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("entrée de l’index des ressources")
        verbose_name_plural = _("entrées de l’index des ressources")
        indexes = [
            # The index sorts newest first and pages through: walk this index, stop at the page.
            models.Index(fields=["-publication_date", "-page"], name="resource_entry_newest"),
            models.Index(fields=["kind", "-publication_date"], name="resource_entry_kind_date"),
        ]

    def __str__(self) -> str:
        return str(self.page_id)
