"""The resource index: one faceted, searchable listing over every resource type, plus feeds."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from hub.models import Theme
from hub.models.menu import MenuTitleMixin
from hub.models.seo import SeoMixin
from resources.feeds import ResourceFeed
from resources.listing import listing_response
from resources.models.base import ResourceEntry


class ResourceIndexPage(RoutablePageMixin, SeoMixin, MenuTitleMixin, Page):
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

    # The routes hand the page to the listing and the feeds, which read it through entries().
    @path("")
    def listing_view(self, request):
        return listing_response(self, request)

    @path("thematique/<slug:slug>/", name="theme")
    def theme_view(self, request, slug):
        return listing_response(self, request, theme=get_object_or_404(Theme, slug=slug))

    @path("flux/", name="feed")
    def feed_view(self, request):
        return ResourceFeed(self)(request)

    @path("thematique/<slug:slug>/flux/", name="theme_feed")
    def theme_feed_view(self, request, slug):
        return ResourceFeed(self, theme=get_object_or_404(Theme, slug=slug))(request)

    def entries(self):
        """Index entries of the live resources below this page."""
        return ResourceEntry.objects.live(under=self)

    def theme_url(self, theme) -> str:
        return self.url + self.reverse_subpage("theme", args=[theme.slug])

    def feed_url(self, theme=None) -> str:
        if theme is not None:
            return self.url + self.reverse_subpage("theme_feed", args=[theme.slug])
        return self.url + self.reverse_subpage("feed")
