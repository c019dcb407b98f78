"""Venues: where events take place, with how to get there and how accessible they are."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index

from hub.translated_fields import add_translations, translation_panels


class Venue(index.Indexed, models.Model):
    """A place events happen in: address, access and accessibility, reused across events."""

    name = models.CharField(_("nom du lieu"), max_length=200, unique=True)
    street_address = models.CharField(_("adresse"), max_length=255)
    postal_code = models.CharField(_("code postal"), max_length=10)
    city = models.CharField(_("commune"), max_length=120)
    country = models.CharField(_("pays"), max_length=2, default="FR")
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    access = models.TextField(
        _("comment venir"),
        blank=True,
        help_text=_("Transports en commun, stationnement, vélo, entrée du bâtiment."),
    )
    step_free_access = models.BooleanField(_("accès de plain-pied ou par ascenseur"), default=False)
    accessible_toilets = models.BooleanField(_("toilettes accessibles"), default=False)
    hearing_loop = models.BooleanField(_("boucle magnétique"), default=False)
    accessibility = models.TextField(
        _("informations d’accessibilité"),
        blank=True,
        help_text=_("Ce qu’une personne en situation de handicap doit savoir avant de venir."),
    )

    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldPanel("postal_code"),
                FieldPanel("city"),
                FieldPanel("country"),
                FieldPanel("latitude"),
                FieldPanel("longitude"),
            ],
            heading=_("Adresse"),
        ),
        FieldPanel("access"),
        MultiFieldPanel(
            [
                FieldPanel("step_free_access"),
                FieldPanel("accessible_toilets"),
                FieldPanel("hearing_loop"),
                FieldPanel("accessibility"),
            ],
            heading=_("Accessibilité"),
        ),
        *translation_panels("access", "accessibility"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("city"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("lieu")
        verbose_name_plural = _("lieux")

    def __str__(self) -> str:
        return f"{self.name} ({self.city})"

    @property
    def one_line_address(self) -> str:
        return f"{self.name}, {self.street_address}, {self.postal_code} {self.city}"

    def accessibility_features(self) -> list[str]:
        labels = []
        if self.step_free_access:
            labels.append(str(_("accès de plain-pied ou par ascenseur")))
        if self.accessible_toilets:
            labels.append(str(_("toilettes accessibles")))
        if self.hearing_loop:
            labels.append(str(_("boucle magnétique")))
        return labels


# access_en, accessibility_en…: the notes on the English site; name and address stay as written.
add_translations(Venue, "access", "accessibility")
