"""Public pages of the watch: open calls for projects (with an archive) and curated news."""

from django.core.paginator import Paginator
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from hub.locales import OnePerLanguageMixin
from hub.models import Theme
from hub.models.menu import MenuTitleMixin
from hub.models.seo import SeoMixin

from .items import Item

PER_PAGE = 20


class WatchIndexMixin:
    """Theme filter and pagination shared by the two listings."""

    def themes_for_filter(self):
        return Theme.objects.filter(watch_items__status=Item.Status.ACCEPTED).distinct()

    def filtered(self, request, queryset):
        theme = None
        slug = request.GET.get("thematique", "").strip()
        if slug:
            theme = Theme.objects.filter(slug=slug).first()
            # An unknown theme shows nothing rather than everything: the filter says what it does.
            queryset = queryset.filter(themes=theme) if theme else queryset.none()
        return queryset, theme

    def paginate(self, request, queryset):
        return Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))

    @staticmethod
    def listing(queryset):
        return queryset.select_related("source").prefetch_related("themes")

    def listing_context(self, request, queryset) -> dict:
        """The listing's context: a page of `queryset` filtered by theme, and the filter."""
        items, theme = self.filtered(request, self.listing(queryset))
        return {
            "page_obj": self.paginate(request, items),
            "themes": self.themes_for_filter(),
            "current_theme": theme,
        }


class WatchIndexPage(OnePerLanguageMixin, WatchIndexMixin, SeoMixin, MenuTitleMixin, Page):
    """What the two listings share: an introduction, a single page under the home page."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["hub.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        abstract = True


class CallsIndexPage(RoutablePageMixin, WatchIndexPage):
    """Appels à projets: accepted open calls, closing soonest first; closed ones in an archive."""

    template = "watch/calls_index_page.html"

    class Meta:
        verbose_name = _("page des appels à projets")
        verbose_name_plural = _("pages des appels à projets")

    def _render_calls(self, request, *, archive: bool):
        now = timezone.now()
        calls = Item.objects.accepted()
        if archive:
            calls = calls.closed_calls(now).order_by("-deadline")
        else:
            calls = calls.open_calls(now).order_by(
                F("deadline").asc(nulls_last=True), "-accepted_at"
            )
        return self.render(
            request,
            context_overrides={
                **self.listing_context(request, calls),
                "archive": archive,
                "now": now,
                "archive_url": self.get_url(request) + self.reverse_subpage("archive"),
            },
        )

    @path("")
    def open_calls(self, request):
        return self._render_calls(request, archive=False)

    @path("archives/")
    def archive(self, request):
        return self._render_calls(request, archive=True)


class NewsIndexPage(WatchIndexPage):
    """ "Veille": news accepted by the editors, newest first."""

    template = "watch/news_index_page.html"

    class Meta:
        verbose_name = _("page de veille")
        verbose_name_plural = _("pages de veille")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news = (
            Item.objects.accepted()
            .news()
            .order_by(F("published_at").desc(nulls_last=True), "-accepted_at")
        )
        context.update(self.listing_context(request, news))
        return context
