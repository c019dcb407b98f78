"""Site-wide pages: the home page and plain content pages (about, legal notices…)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from hub.blocks import BaseStreamBlock
from hub.locales import OnePerLanguageMixin, active_language
from hub.models.media import image_field
from hub.models.seo import SeoMixin


class HomePage(OnePerLanguageMixin, SeoMixin, Page):
    """The cluster's front page: hero, mission, featured content and automatic teasers."""

    hero_title = models.CharField(_("accroche"), max_length=200, blank=True)
    hero_text = models.TextField(_("texte d'accroche"), blank=True)
    hero_image = image_field(_("image d'accroche"))
    hero_link = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page mise en avant par le bouton"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_link_label = models.CharField(_("libellé du bouton"), max_length=80, blank=True)
    mission = StreamField(BaseStreamBlock(), verbose_name=_("mission"), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                PageChooserPanel("hero_link"),
                FieldPanel("hero_link_label"),
            ],
            heading=_("Accroche"),
        ),
        FieldPanel("mission"),
        InlinePanel("features", label=_("Contenus mis en avant"), max_num=6),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("hero_title"),
        index.SearchField("hero_text"),
        index.SearchField("mission"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    template = "hub/home_page.html"

    class Meta:
        verbose_name = _("page d'accueil")

    def get_json_ld(self, request):
        root = self.get_full_url(request)
        return {
            "@context": "https://schema.org",
            "@type": "WebSite",
            "name": self.site_name(request) or self.title,
            "url": root,
            "inLanguage": active_language(),
            "potentialAction": {
                "@type": "SearchAction",
                "target": root.rstrip("/") + "/recherche/?q={search_term_string}",
                "query-input": "required name=search_term_string",
            },
        }

    def get_og_image(self):
        return self.hero_image

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["features"] = self.features.select_related("page").filter(page__live=True)
        # Apps add their teasers (latest resources, next events, calls closing soon) via a hook,
        # so the hub never imports them and a missing app leaves no hole.
        context["teasers"] = [
            teaser for fn in hooks.get_hooks("home_teasers") if (teaser := fn(request))
        ]
        return context


class HomePageFeature(Orderable):
    """A page an editor puts forward on the home page, with an optional blurb."""

    home = ParentalKey(HomePage, related_name="features", on_delete=models.CASCADE)
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )
    blurb = models.CharField(_("résumé"), max_length=255, blank=True)

    panels = [PageChooserPanel("page"), FieldPanel("blurb")]


class StandardPage(SeoMixin, Page):
    """A plain content page: about, programmes, legal notices, accessibility statement."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    body = StreamField(BaseStreamBlock(), verbose_name=_("contenu"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["hub.HomePage", "hub.StandardPage"]
    subpage_types = ["hub.StandardPage"]
    template = "hub/standard_page.html"

    class Meta:
        verbose_name = _("page de contenu")
