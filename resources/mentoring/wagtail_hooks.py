"""Admin: domains and neighbouring territories (snippets), applications, the matching board."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from hub.admin_columns import optional
from resources.mentoring import admin_views
from resources.mentoring.models import Application, ExpertiseDomain, TerritoryNeighbours


class ExpertiseDomainViewSet(SnippetViewSet):
    model = ExpertiseDomain
    icon = "tag"
    menu_label = _("Domaines d’expertise")
    list_display = ["name", optional(ExpertiseDomain, "description"), "sort_order"]
    search_fields = ["name"]


class TerritoryNeighboursViewSet(SnippetViewSet):
    model = TerritoryNeighbours
    icon = "site"
    menu_label = _("Territoires voisins")
    list_display = ["territory", "neighbour"]
    list_filter = ["territory"]

    def get_queryset(self, request):
        return TerritoryNeighbours.objects.select_related("territory", "neighbour")


register_snippet(ExpertiseDomainViewSet)
register_snippet(TerritoryNeighboursViewSet)


class ApplicationViewSet(ModelViewSet):
    """Every application: filter by programme and state, correct, retain or decline, export."""

    model = Application
    icon = "form"
    menu_label = _("Candidatures")
    menu_order = 2
    add_to_admin_menu = False  # in the « Mentorat » submenu
    url_prefix = "mentorat/candidatures"
    list_display = [
        "name",
        optional(Application, "structure"),
        "kind",
        optional(Application, "territory"),
        "state",
        "created_at",
    ]
    list_filter = ["programme", "state", "kind", "territory"]
    search_fields = ["name", "email", "structure"]
    list_export = [
        "name",
        "email",
        "structure",
        "role",
        "kind",
        "state",
        "territory",
        "domain_names",
        "sector_names",
        "hours_per_month",
        "available_from",
        "available_until",
        "format",
        "capacity",
        "public_profile",
        "message",
        "consent_version",
        "consented_at",
        "created_at",
    ]
    export_headings = {"domain_names": _("Domaines"), "sector_names": _("Filières")}
    export_filename = "candidatures-mentorat"
    form_fields = [
        "state",
        "name",
        "structure",
        "role",
        "territory",
        "domains",
        "sectors",
        "hours_per_month",
        "available_from",
        "available_until",
        "format",
        "capacity",
        "public_profile",
    ]
    inspect_view_enabled = True
    copy_view_enabled = False

    def get_index_view_kwargs(self, **kwargs):
        # ModelViewSet has no get_queryset(request) hook: the listing gets its queryset here.
        return super().get_index_view_kwargs(
            queryset=Application.objects.select_related("territory", "programme").prefetch_related(
                "domains", "sectors"
            ),  # the export's domain and sector names
            **kwargs,
        )


application_viewset = ApplicationViewSet("mentoring_applications")


@hooks.register("register_admin_viewset")
def register_application_viewset():
    return application_viewset


@hooks.register("register_admin_urls")
def register_mentoring_urls():
    return [
        path("mentorat/", admin_views.overview, name="mentoring_overview"),
        path("mentorat/<int:programme_id>/binomes/", admin_views.board, name="mentoring_board"),
        path(
            "mentorat/binome/<int:pairing_id>/",
            admin_views.pairing_detail,
            name="mentoring_pairing_detail",
        ),
    ]


@hooks.register("register_admin_menu_item")
def mentoring_menu_item():
    # One short entry with a submenu: two long labels were cut off in the sidebar.
    board = MenuItem(
        _("Mise en relation"), reverse("mentoring_overview"), icon_name="group", order=1
    )
    return SubmenuMenuItem(
        _("Mentorat"),
        Menu(items=[board, application_viewset.get_menu_item()]),
        name="mentorat",
        icon_name="group",
        order=260,
    )
