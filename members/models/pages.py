"""The public showcase of a workspace: the project and each partner, never private content."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from hub.models.menu import MenuTitleMixin


class WorkspacePage(MenuTitleMixin, Page):
    """A project's public page: its own text, and the partners listed in its workspace."""

    workspace = models.OneToOneField(
        "members.Workspace",
        verbose_name=_("espace de travail"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="showcase",
    )
    intro = RichTextField(_("présentation du projet"), blank=True)
    funding = models.CharField(
        _("financement"), max_length=255, blank=True, help_text=_("Par exemple « Europe Créative »")
    )

    content_panels = Page.content_panels + [
        FieldPanel("workspace"),
        FieldPanel("intro"),
        FieldPanel("funding"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["hub.HomePage", "hub.StandardPage"]
    subpage_types = []
    template = "members/workspace_page.html"

    class Meta:
        verbose_name = _("vitrine d’un projet")
        verbose_name_plural = _("vitrines de projets")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Only the public fields of the partners: names, countries, roles, logos, texts.
        context["partners"] = (
            self.workspace.partners.select_related("logo").all() if self.workspace else []
        )
        return context
