"""The resource index: one faceted, searchable listing over every resource type, plus feeds."""

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from hub.models import Theme
from hub.models.seo import SeoMixin


class ResourceIndexPage(RoutablePageMixin, SeoMixin, Page):
    """Lists guides, training programmes and support schemes with facets, search and feeds."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["hub.HomePage"]
    subpage_types = [
        "resources.GuidePage",
        "resources.TrainingProgrammePage",
        "resources.SupportSchemePage",
    ]
    template = "resources/resource_index_page.html"

    class Meta:
        verbose_name = _("index des ressources")

    @path("")
    def listing_view(self, request):
        return self.render_listing(request)

    @path("thematique/<slug:slug>/", name="theme")
    def theme_view(self, request, slug):
        return self.render_listing(request, theme=get_object_or_404(Theme, slug=slug))

    @path("flux/", name="feed")
    def feed_view(self, request):
        from resources.feeds import ResourceFeed

        return ResourceFeed(self)(request)

    @path("thematique/<slug:slug>/flux/", name="theme_feed")
    def theme_feed_view(self, request, slug):
        from resources.feeds import ResourceFeed

        return ResourceFeed(self, theme=get_object_or_404(Theme, slug=slug))(request)

    def render_listing(self, request, theme=None):
        from resources.listing import ResourceListing

        listing = ResourceListing(self, request, theme=theme)
        context = self.get_context(request)
        context["listing"] = listing
        context["page_obj"] = listing.page_obj
        context["theme"] = theme
        context["json_ld"] = self.listing_json_ld(request, listing, theme)
        return TemplateResponse(request, self.get_template(request), context)

    def theme_url(self, theme) -> str:
        return self.url + self.reverse_subpage("theme", args=[theme.slug])

    def feed_url(self, theme=None) -> str:
        if theme is not None:
            return self.url + self.reverse_subpage("theme_feed", args=[theme.slug])
        return self.url + self.reverse_subpage("feed")

    def listing_json_ld(self, request, listing, theme) -> dict:
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
            "name": theme.name if theme else self.title,
            "url": self.get_full_url(request),
            "inLanguage": "fr",
            "mainEntity": {"@type": "ItemList", "itemListElement": elements},
        }
