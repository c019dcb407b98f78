"""Site-wide settings editors change without a developer: identity, contact, footer, e-mail."""

from email.utils import formataddr, parseaddr

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Site

from hub.cache import cached
from hub.models.media import image_field
from hub.translated_fields import add_translations, column, other_languages


class SocialLinkBlock(blocks.StructBlock):
    network = blocks.ChoiceBlock(
        label=_("réseau"),
        choices=[
            ("mastodon", "Mastodon"),
            ("bluesky", "Bluesky"),
            ("linkedin", "LinkedIn"),
            ("instagram", "Instagram"),
            ("facebook", "Facebook"),
            ("youtube", "YouTube"),
            ("vimeo", "Vimeo"),
            ("peertube", "PeerTube"),
        ],
    )
    url = blocks.URLBlock(label=_("adresse"))

    class Meta:
        icon = "link"
        label = _("Réseau social")


# The settings texts with a version per language (tagline_en…), read as translated_tagline.
TRANSLATED = ("tagline", "accessibility_status", "footer_text", "email_footer")


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """Who runs the site, how to reach them, and what the footer and e-mails say."""

    organisation_name = models.CharField(
        _("nom de la structure"), max_length=200, default="Passerelles"
    )
    tagline = models.CharField(_("signature"), max_length=255, blank=True)
    logo = image_field(_("logo"))
    contact_email = models.EmailField(_("e-mail de contact"), blank=True)
    phone = models.CharField(_("téléphone"), max_length=40, blank=True)
    address = models.TextField(_("adresse postale"), blank=True)
    social_links = StreamField(
        [("link", SocialLinkBlock())], verbose_name=_("réseaux sociaux"), blank=True
    )
    legal_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("mentions légales"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("politique de confidentialité"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("déclaration d’accessibilité"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_status = models.CharField(
        _("conformité RGAA"),
        max_length=60,
        default=_("partiellement conforme"),
        help_text=_("Affiché dans le pied de page, comme le demande le RGAA."),
    )
    footer_text = models.TextField(_("texte du pied de page"), blank=True)
    email_from_name = models.CharField(
        _("nom d’expéditeur des e-mails"), max_length=120, default="Passerelles"
    )
    email_reply_to = models.EmailField(_("adresse de réponse des e-mails"), blank=True)
    email_footer = models.TextField(
        _("pied des e-mails"),
        blank=True,
        help_text=_(
            "Texte ajouté au bas de chaque e-mail envoyé par le site, sous le nom de la "
            "structure : par exemple son adresse ou sa mission en une phrase. Inutile d’y "
            "expliquer pourquoi la personne reçoit l’e-mail : chaque e-mail le dit déjà."
        ),
    )

    identity_panels = [
        FieldPanel("organisation_name"),
        FieldPanel("tagline"),
        FieldPanel("logo"),
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("phone"), FieldPanel("address")],
            heading=_("Contact"),
        ),
        FieldPanel("social_links"),
    ]
    footer_panels = [
        FieldPanel("footer_text"),
        FieldPanel("legal_page"),
        FieldPanel("privacy_page"),
        FieldPanel("accessibility_page"),
        FieldPanel("accessibility_status"),
    ]
    email_panels = [
        FieldPanel("email_from_name"),
        FieldPanel("email_reply_to"),
        FieldPanel("email_footer"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(identity_panels, heading=_("Identité")),
            ObjectList(footer_panels, heading=_("Pied de page")),
            ObjectList(email_panels, heading=_("E-mails")),
            *(
                ObjectList(
                    [FieldPanel(column(name, code)) for name in TRANSLATED],
                    heading=language_name,
                    help_text=_("Laissé vide, le texte en français s’affiche."),
                )
                for code, language_name in other_languages()
            ),
        ]
    )

    # What the header and footer read, loaded with the settings (base_queryset).
    select_related = ["logo", "legal_page", "privacy_page", "accessibility_page"]

    @classmethod
    def for_request(cls, request) -> "SiteSettings":
        """Wagtail's, through the generation cache: every page reads them (hub/cache.py)."""
        attr_name = cls.get_cache_attr_name()
        site = Site.find_for_request(request)
        if not hasattr(request, attr_name) and site is not None:
            instance = cached(("site-settings", site.pk), lambda: cls.for_site(site))
            instance._request = request
            setattr(request, attr_name, instance)
        return super().for_request(request)

    @classmethod
    def for_default_site(cls) -> "SiteSettings":
        """The default site's settings, for e-mails sent outside a request (unsaved defaults
        when no site exists yet)."""
        return cached(("default-site-settings",), cls._for_default_site)

    @classmethod
    def _for_default_site(cls) -> "SiteSettings":
        # Through the generation cache: every e-mail reads them. One query of what e-mails
        # quote (the others load when read), not the site then the row with its four joins.
        row = cls.objects.filter(site__is_default_site=True).only(*EMAIL_FIELDS).first()
        if row is not None:
            return row
        site = Site.objects.filter(is_default_site=True).first()
        return cls.for_site(site) if site else cls()

    def sender_address(self) -> str:
        """DEFAULT_FROM_EMAIL's address with the sender name editors set here."""
        default_name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
        name = self.email_from_name or default_name
        return formataddr((name, address)) if name else address

    class Meta:
        verbose_name = _("paramètres du site")


add_translations(SiteSettings, *TRANSLATED)
# What e-mails quote of the settings (sender, reply-to, signature), in every language.
EMAIL_FIELDS = (
    "site_id",
    "organisation_name",
    "email_from_name",
    "email_reply_to",
    "email_footer",
    *(column("email_footer", code) for code, _name in other_languages()),
)
