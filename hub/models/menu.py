"""A short title for the main menu, on the page types that sit under the home page."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page


class MenuTitleMixin(models.Model):
    """`menu_title`, shown in the main menu instead of a long title (hub/templatetags). Mix in
    before `Page`; it sits beside « Afficher dans les menus » in the Promote tab."""

    menu_title = models.CharField(
        _("titre dans le menu"),
        max_length=40,
        blank=True,
        help_text=_(
            "Un titre court pour le menu principal (par exemple « Mentorat ») ; à défaut, "
            "le titre de la page."
        ),
    )

    # Wagtail's « Pour les moteurs de recherche » group, then the menu group with the short title.
    promote_panels = [
        Page.promote_panels[0],
        MultiFieldPanel(
            [FieldPanel("show_in_menus"), FieldPanel("menu_title")],
            heading=_("Pour les menus du site"),
        ),
    ]

    class Meta:
        abstract = True


def menu_title_models() -> list[type[Page]]:
    """The concrete page models whose table holds a `menu_title` column."""
    from django.apps import apps

    return [
        model
        for model in apps.get_models()
        if issubclass(model, MenuTitleMixin) and model._meta.get_field("menu_title").model is model
    ]
