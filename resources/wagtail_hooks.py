"""Admin (the directory as snippets) and the home page teaser of the latest resources."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from hub import dates
from hub.locales import in_active_locale
from hub.visibility import exclude_restricted
from resources.models import Organisation, ResourceIndexPage
from resources.queries import latest_public_entries


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Annuaire")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["name", "kind", "website", "email"]
    list_filter = ["kind", "territories"]
    search_fields = ["name", "description"]
    list_export = ["name", "kind", "website", "email", "phone", "address", "description"]

    def get_queryset(self, request):
        return Organisation.objects.prefetch_related("territories")


register_snippet(OrganisationViewSet)


@hooks.register("home_teasers")
def latest_resources_teaser(request) -> dict | None:
    entries = latest_public_entries(4)
    indexes = in_active_locale(ResourceIndexPage.objects.live())
    index = exclude_restricted(indexes, prefix="").first()
    if not entries and index is None:
        return None
    return {
        "key": "ressources",
        "title": _("Dernières ressources"),
        "items": [
            {
                "title": entry.page.title,
                "url": entry.page.get_url(request),
                "meta": f"{entry.get_kind_display()} · {dates.plain_date(entry.publication_date)}",
                "summary": entry.summary,
                "image": entry.image,
            }
            for entry in entries
        ],
        "more_url": index.get_url(request) if index else "",
        "more_label": _("Toutes les ressources"),
        "empty_text": _("Les premières ressources arrivent bientôt."),
    }
