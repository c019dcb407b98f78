"""What a page shown in listings carries: taxonomy, a listing image and its SEO."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel

from hub.models.media import image_field
from hub.models.seo import SeoMixin


class ListedPageMixin(SeoMixin, models.Model):
    """Themes, audiences and an image, shared by resource and event pages (cards, feeds, facets).

    The image is also the page's social card (`get_og_image`). Mix in before `Page`.
    """

    image = image_field(_("image"))
    themes = ParentalManyToManyField("hub.Theme", verbose_name=_("thématiques"), blank=True)
    audiences = ParentalManyToManyField("hub.Audience", verbose_name=_("publics"), blank=True)

    taxonomy_panels = [
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
    ]

    class Meta:
        abstract = True

    def get_og_image(self):
        return self.image
