"""The faceted resource listing: filters read from the URL, search, sort, pagination.

The index page's routes hand it the page (`listing_response`); it reads the resource entries
through `index_page.entries()`, so the models never import it back.

Every query goes to `ResourceEntry` (one indexed table for all resource types), so a page of the
index costs the same number of queries whatever the number of resources, and sorting by date walks
an index instead of re-sorting a join. Full-text search goes through `hub.search`, which ranks
without the quadratic trap of Wagtail's SQLite backend.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from hub.locales import active_language
from hub.models import Audience, Sector, Territory, Theme
from hub.search import MAX_QUERY_LENGTH, PageSearchResults, TokenFilter
from hub.translated_fields import with_translations
from hub.visibility import visibility_for
from resources import filter_tokens
from resources.choices import ResourceKind

PER_PAGE = 12
SORT_RECENT = "recent"
SORT_RELEVANCE = "pertinence"


@dataclass
class Option:
    value: str
    label: str
    selected: bool
    pk: int | None = None


@dataclass
class Facet:
    """One filter group of the form: a URL parameter and its options."""

    param: str
    label: str
    options: list[Option]
    field: str | None  # ResourceEntry many-to-many field, None for the type

    @property
    def selected(self) -> list[Option]:
        return [option for option in self.options if option.selected]


# URL parameter, label, taxonomy model and ResourceEntry field of each taxonomy facet.
TAXONOMY_FACETS = (
    ("theme", _("Thématique"), Theme, "themes"),
    ("public", _("Public"), Audience, "audiences"),
    ("filiere", _("Filière"), Sector, "sectors"),
    ("territoire", _("Territoire"), Territory, "territories"),
)


class ResourceListing:
    """Reads the request's filters and gives the facets, the count and the page of entries."""

    def __init__(self, index_page: Page, request, theme: Theme | None = None):
        self.index_page = index_page
        self.request = request
        self.theme = theme
        self.entries = index_page.entries()
        get = request.GET
        self.query = " ".join(get.get("q", "").split())[:MAX_QUERY_LENGTH]
        sort = get.get("tri")
        if not self.query:
            self.sort = SORT_RECENT
        else:
            self.sort = sort if sort in (SORT_RECENT, SORT_RELEVANCE) else SORT_RELEVANCE
        self.visibility = visibility_for(request)
        self.facets = self._facets(get)

    # --- filters -------------------------------------------------------------------------------
    def _facets(self, get) -> list[Facet]:
        kinds = set(get.getlist("type"))
        facets = [
            Facet(
                "type",
                _("Type de ressource"),
                [Option(value, label, value in kinds) for value, label in ResourceKind.choices],
                None,
            )
        ]
        for param, label, model, field in TAXONOMY_FACETS:
            wanted = set(get.getlist(param))
            if param == "theme" and self.theme is not None:
                wanted.add(self.theme.slug)
            options = [
                Option(term.slug, term.translated_name, term.slug in wanted, term.pk)
                for term in model.objects.only("pk", "slug", *with_translations("name"))
            ]
            facets.append(Facet(param, label, options, field))
        return facets

    @cached_property
    def active_filters(self) -> list[tuple[Facet, Option, str]]:
        """Each chosen option with the URL that removes it and keeps the rest."""
        return [
            (facet, option, self.url_without(facet, option))
            for facet in self.facets
            for option in facet.selected
        ]

    @property
    def feed_url(self) -> str:
        return self.index_page.feed_url(self.theme)

    def filtered_entries(self):
        entries = self.visibility.apply(self.entries)
        for facet in self.facets:
            chosen = facet.selected
            if not chosen:
                continue
            if facet.field is None:
                entries = entries.filter(kind__in=[option.value for option in chosen])
                continue
            # Several values of one facet widen (OR); several facets narrow (AND).
            relation = entries.model._meta.get_field(facet.field)
            through = relation.remote_field.through
            entries = entries.filter(
                pk__in=through.objects.filter(
                    **{f"{relation.m2m_reverse_name()}__in": [option.pk for option in chosen]}
                ).values(relation.m2m_column_name())
            )
        return entries

    def filter_tokens(self) -> TokenFilter:
        """The same filters as `filtered_entries`, as search index tokens."""
        tokens = TokenFilter(
            all_of=[filter_tokens.LIVE, filter_tokens.path_token(self.index_page.path)],
            none_of=[filter_tokens.path_token(path) for path in self.visibility.hidden_paths],
        )
        for facet in self.facets:
            chosen = facet.selected
            if not chosen:
                continue
            if facet.field is None:
                tokens.any_of.append([filter_tokens.kind_token(option.value) for option in chosen])
            else:
                tokens.any_of.append(
                    [filter_tokens.term_token(facet.field, option.pk) for option in chosen]
                )
        return tokens

    # --- results -------------------------------------------------------------------------------
    @cached_property
    def page_obj(self):
        paginator = Paginator(self._results(), PER_PAGE)
        page_obj = paginator.get_page(self.request.GET.get("page"))
        entries = list(page_obj.object_list)
        for entry in entries:
            entry.members_only = self.visibility.is_members_only(entry.page.path)
            entry.url = entry.page.get_url(self.request)
        page_obj.object_list = entries
        return page_obj

    @cached_property
    def search_results(self) -> PageSearchResults | None:
        if not self.query:
            return None
        return PageSearchResults(
            Page.objects.filter(pk__in=self.filtered_entries().values("pk")),
            self.query,
            filter_tokens=self.filter_tokens(),
            page_models=self.index_page.allowed_subpage_models(),
        )

    @cached_property
    def total(self) -> int:
        if self.search_results is None:
            return self.page_obj.paginator.count
        return self.search_results.total

    @property
    def truncated(self) -> bool:
        return self.search_results is not None and self.search_results.truncated

    def _results(self):
        if self.search_results is None:
            return NewestEntries(self.filtered_entries())
        if self.sort == SORT_RELEVANCE:
            return RankedEntries(self.search_results, self.entries.model)
        # Newest first among the (bounded) matches.
        matches = self.entries.model.objects.filter(pk__in=self.search_results.ranked_ids)
        return NewestEntries(matches)

    def url_without(self, facet: Facet, option: Option) -> str:
        query = self.request.GET.copy()
        values = [value for value in query.getlist(facet.param) if value != option.value]
        query.setlist(facet.param, values)
        query.pop("page", None)
        encoded = query.urlencode()
        removes_landing_theme = (
            self.theme is not None and facet.param == "theme" and option.value == self.theme.slug
        )
        if self.theme is None or removes_landing_theme:
            base = self.index_page.url
        else:
            base = self.index_page.theme_url(self.theme)
        return f"{base}?{encoded}" if encoded else base


def _with_cards(entries):
    """What a result card shows: the page (title, URL), image and themes, in three queries."""
    return entries.select_related("page", "image").prefetch_related("themes", "image__renditions")


class RankedEntries(Sequence):
    """Search results in rank order, as entries, sliceable by Django's Paginator."""

    def __init__(self, results: PageSearchResults, entry_model):
        self.results = results
        self.entry_model = entry_model

    def __len__(self) -> int:
        return len(self.results)

    def __getitem__(self, index):
        if isinstance(index, int):
            return self[index : index + 1][0]
        ids = self.results.ranked_ids[index]
        entries = _with_cards(self.entry_model.objects.filter(pk__in=ids))
        by_id = {entry.pk: entry for entry in entries}
        return [by_id[pk] for pk in ids if pk in by_id]


class NewestEntries(Sequence):
    """Entries newest first, sliceable by Django's Paginator.

    A slice sorts and cuts the narrow entry ids first, then joins the page columns of the twelve
    it keeps, in the same statement: sorting every filtered row with its whole page row was the
    listing's largest cost at 10,000 resources.
    """

    def __init__(self, entries):
        self.entries = entries.newest_first()

    def count(self) -> int:
        return self.entries.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if isinstance(index, int):
            return self[index : index + 1][0]
        kept = self.entries.values("pk")[index]
        cards = _with_cards(self.entries.model.objects.filter(pk__in=kept))
        return list(cards.newest_first())


def listing_response(index_page: Page, request, theme: Theme | None = None) -> TemplateResponse:
    """The index page (or one theme's landing page) with its facets and a page of results."""
    listing = ResourceListing(index_page, request, theme=theme)
    context = index_page.get_context(request)
    context["listing"] = listing
    context["page_obj"] = listing.page_obj
    context["theme"] = theme
    context["json_ld"] = _listing_json_ld(index_page, request, listing, theme)
    return TemplateResponse(request, index_page.get_template(request), context)


def _listing_json_ld(index_page: Page, request, listing: ResourceListing, theme) -> dict:
    elements = [
        {
            "@type": "ListItem",
            "position": position,
            "url": request.build_absolute_uri(entry.url),
            "name": entry.page.title,
        }
        for position, entry in enumerate(listing.page_obj.object_list, start=1)
        # Members-only entries may show to a member, but never go into structured data.
        if not entry.members_only
    ]
    return {
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        "name": theme.translated_name if theme else index_page.title,
        "url": index_page.get_full_url(request),
        "inLanguage": active_language(),
        "mainEntity": {"@type": "ItemList", "itemListElement": elements},
    }
