"""Wagtail hooks of the collection: the "Veille" menu, bulk curation, dashboard, teasers, health."""

from django.conf import settings
from django.db.models import Count, Max, Min, Q
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet

from hub import dates
from hub.cache import purge_page_cache
from hub.locales import in_active_locale
from watch.collection import admin_views
from watch.collection.models import CallsIndexPage, Item, Source

register_snippet(admin_views.WatchGroup)
for action in (
    admin_views.AcceptBulkAction,
    admin_views.RejectBulkAction,
    admin_views.FeatureBulkAction,
):
    hooks.register("register_bulk_action", action)


# Public pages list accepted items: an editor's change must show at once to anonymous visitors.
@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def purge_after_item_saved(request, instance):
    if isinstance(instance, Item):
        purge_page_cache()


@hooks.register("after_delete_snippet")
def purge_after_items_deleted(request, instances):
    if any(isinstance(instance, Item) for instance in instances):
        purge_page_cache()  # once for a bulk delete


# --- Source actions -----------------------------------------------------------------------------


@hooks.register("register_admin_urls")
def watch_admin_urls():
    return [
        path("veille/sources/<int:pk>/tester/", admin_views.test_source, name="watch_source_test"),
        path(
            "veille/sources/<int:pk>/collecter/", admin_views.fetch_now, name="watch_source_fetch"
        ),
        path("veille/sources/<int:pk>/reprendre/", admin_views.resume, name="watch_source_resume"),
        path("veille/sources/essai/", admin_views.test_unsaved, name="watch_source_test_unsaved"),
    ]


@hooks.register("register_snippet_listing_buttons")
def source_listing_buttons(snippet, user, next_url=None):
    if not isinstance(snippet, Source):
        return []
    return [
        Button(
            _("Tester cette source"),
            reverse("watch_source_test", args=[snippet.pk]),
            icon_name="search",
            priority=5,
        )
    ]


# --- Dashboard ----------------------------------------------------------------------------------


@hooks.register("construct_homepage_panels")
def add_watch_panel(request, panels):
    panels.append(admin_views.WatchDashboardPanel())


# --- Home page teaser ---------------------------------------------------------------------------


@hooks.register("home_teasers")
def closing_calls_teaser(request) -> dict | None:
    now = timezone.now()
    calls = list(
        Item.objects.accepted()
        .open_calls(now)
        .filter(deadline__isnull=False)
        .select_related("source")
        .order_by("deadline")[:4]
    )
    page = in_active_locale(CallsIndexPage.objects.live().public()).first()
    more_url = page.get_url(request) if page else None
    return {
        "key": "watch-calls",
        "title": gettext("Appels à projets qui ferment bientôt"),
        "items": [
            {
                "title": call.display_title,
                "url": call.url,
                "meta": gettext("Date limite : %(date)s") % {"date": dates.deadline(call.deadline)},
                "summary": call.summary_text,
                "title_language": call.title_language,
                "language": call.language,
            }
            for call in calls
        ],
        "more_url": more_url,
        "more_label": gettext("Tous les appels à projets"),
        "empty_text": gettext("Aucun appel à projets ouvert pour le moment."),
    }


# --- /healthz -----------------------------------------------------------------------------------


@hooks.register("health_checks")
def watch_health() -> tuple[str, bool, dict]:
    """Is the watch still collecting? Unhealthy when no active source succeeded for too long.

    One aggregate query. A fresh install whose sources were never fetched yet is judged from the
    oldest active source's creation, so adding a source does not turn /healthz red at once.
    """
    now = timezone.now()
    stats = Source.objects.filter(active=True).aggregate(
        count=Count("pk"),
        last_success=Max("last_success_at"),
        oldest=Min("created_at"),
        trouble=Count("pk", filter=Q(paused_at__isnull=False) | Q(consecutive_failures__gt=0)),
    )
    if not stats["count"]:
        return "watch", True, {"last_round_age_seconds": None, "sources_in_trouble": 0}
    max_age = settings.HEALTH_WATCH_MAX_AGE_SECONDS
    last_success = stats["last_success"]
    age = round((now - last_success).total_seconds()) if last_success else None
    waited = age if age is not None else (now - stats["oldest"]).total_seconds()
    return (
        "watch",
        waited <= max_age,
        {"last_round_age_seconds": age, "sources_in_trouble": stats["trouble"]},
    )
