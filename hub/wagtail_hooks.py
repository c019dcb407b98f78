"""Admin: the shared taxonomy as a group of snippets; the transactional e-mails."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from hub import outbox_admin
from hub.models import Audience, Sector, Territory, Theme


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name", "keywords"]
    list_export = ["name", "slug", "keywords"]


class AudienceViewSet(SnippetViewSet):
    model = Audience
    icon = "group"
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]


class SectorViewSet(SnippetViewSet):
    model = Sector
    icon = "pick"
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]


class TerritoryViewSet(SnippetViewSet):
    model = Territory
    icon = "site"
    list_display = ["name", "kind", "code"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("Taxonomie")
    menu_icon = "tag"
    menu_order = 300
    items = (ThemeViewSet, AudienceViewSet, SectorViewSet, TerritoryViewSet)


register_snippet(TaxonomyGroup)


register_snippet(outbox_admin.OutgoingEmailViewSet)
hooks.register("register_bulk_action", outbox_admin.ResendBulkAction)
hooks.register("register_snippet_listing_buttons", outbox_admin.listing_buttons)
hooks.register("construct_homepage_panels", outbox_admin.dashboard_panel)
