"""Site-wide pages: the home page and plain content pages (about, legal notices…)."""

from django.db import models
from django.db.models import prefetch_related_objects
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from hub.blocks import BaseStreamBlock, HomeSectionsBlock
from hub.locales import OnePerLanguageMixin, active_language, localized_for
from hub.models.media import image_field
from hub.models.menu import MenuTitleMixin
from hub.models.seo import SeoMixin

# Where the home page shows each app's teaser (by its key); unknown keys come last.
TEASER_ORDER = {"watch-calls": 0, "ressources": 1, "evenements": 2}


class HomePage(OnePerLanguageMixin, SeoMixin, Page):
    """The cluster's front page: hero, mission, featured content and automatic teasers."""

    hero_title = models.CharField(_("accroche"), max_length=200, blank=True)
    hero_text = models.TextField(_("texte d’accroche"), blank=True)
    hero_image = image_field(_("image d’accroche"))
    hero_link = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page mise en avant par le bouton"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_link_label = models.CharField(_("libellé du bouton"), max_length=80, blank=True)
    # A plain path, not a page chooser: the second button often leads to a view (the newsletter
    # sign-up form) rather than to a page.
    hero_secondary_url = models.CharField(
        _("adresse du second bouton"),
        max_length=255,
        blank=True,
        help_text=_("Une adresse du site (/lettre-de-veille/) ou d’un autre site (https://…)."),
    )
    hero_secondary_label = models.CharField(
        _("libellé du second bouton"), max_length=80, blank=True
    )
    mission = StreamField(BaseStreamBlock(), verbose_name=_("mission"), blank=True)
    mission_image = image_field(_("image de la mission"))
    featured_cycle = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("cycle mis en avant"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Le cycle d’événements de l’année, présenté sous l’accroche."),
    )
    sections = StreamField(
        HomeSectionsBlock(),
        verbose_name=_("sections"),
        blank=True,
        help_text=_("Nos actions en images, chiffres clés : affichés après la mission."),
    )
    partners_title = models.CharField(
        _("titre du bandeau des partenaires"),
        max_length=120,
        blank=True,
        default=_("Ils soutiennent le cluster"),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                PageChooserPanel("hero_link"),
                FieldPanel("hero_link_label"),
                FieldPanel("hero_secondary_url"),
                FieldPanel("hero_secondary_label"),
            ],
            heading=_("Accroche"),
        ),
        MultiFieldPanel([FieldPanel("mission"), FieldPanel("mission_image")], heading=_("Mission")),
        PageChooserPanel("featured_cycle", "events.EventCyclePage"),
        FieldPanel("sections"),
        InlinePanel("features", label=_("Contenus mis en avant"), max_num=6),
        MultiFieldPanel(
            [FieldPanel("partners_title"), InlinePanel("partners", label=_("Partenaires"))],
            heading=_("Partenaires"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("hero_title"),
        index.SearchField("hero_text"),
        index.SearchField("mission"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    template = "hub/home_page.html"

    class Meta:
        verbose_name = _("page d’accueil")

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
        # Built only when the template's fragment (kept until the next publish) is missing: a
        # member's visit then skips the teasers' queries and the cards' renditions.
        listings = SimpleLazyObject(lambda: self._listings(request))
        for name in ("features", "teasers", "featured_cycle", "partners"):
            context[name] = SimpleLazyObject(lambda name=name: listings[name])
        return context

    def _listings(self, request) -> dict:
        features = list(self.features.select_related("page").filter(page__live=True))
        # Apps add their teasers (latest resources, next events, calls closing soon) via a hook,
        # so the hub never imports them and a missing app leaves no hole.
        teasers = [teaser for fn in hooks.get_hooks("home_teasers") if (teaser := fn(request))]
        # Deadlines first: a call that closes next week matters more than the latest guide.
        teasers.sort(key=lambda teaser: TEASER_ORDER.get(teaser["key"], len(TEASER_ORDER)))
        cycle = self.featured_cycle
        if cycle is not None and not (cycle.live and cycle.specific_class):
            cycle = None
        # A translated home page keeps its original's choice: show the cycle in this language.
        featured_cycle = localized_for(cycle.specific, active_language()) if cycle else None
        partners = list(self.partners.select_related("logo"))
        # Every picture of the page gets its renditions in one query, whatever the number of
        # cards (the teasers select their images; this fetches what the cards are drawn from).
        images = [
            item["image"] for teaser in teasers for item in teaser["items"] if item.get("image")
        ]
        images += [partner.logo for partner in partners if partner.logo]
        if images:
            prefetch_related_objects(images, "renditions")
        return {
            "features": features,
            "teasers": teasers,
            "featured_cycle": featured_cycle,
            "partners": partners,
        }


class HomePageFeature(Orderable):
    """A page an editor puts forward on the home page, with an optional blurb."""

    home = ParentalKey(HomePage, related_name="features", on_delete=models.CASCADE)
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )
    blurb = models.CharField(_("résumé"), max_length=255, blank=True)

    panels = [PageChooserPanel("page"), FieldPanel("blurb")]


class HomePagePartner(Orderable):
    """A partner or funder shown by its logo in the home page's partners strip."""

    home = ParentalKey(HomePage, related_name="partners", on_delete=models.CASCADE)
    name = models.CharField(_("nom"), max_length=200)
    url = models.URLField(_("site web"), blank=True)
    logo = image_field(_("logo"))

    panels = [FieldPanel("name"), FieldPanel("url"), FieldPanel("logo")]

    class Meta(Orderable.Meta):
        verbose_name = _("partenaire")
        verbose_name_plural = _("partenaires")


class StandardPage(SeoMixin, MenuTitleMixin, Page):
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
