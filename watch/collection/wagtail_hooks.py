"""Admin of the watch: the "Veille" menu (queue, sources), bulk curation, dashboard, teasers."""

import django_filters
from django import forms
from django.db.models import Q
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import Button
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from hub.cache import purge_page_cache
from hub.models import Theme
from watch.collection import admin_views
from watch.collection.admin_forms import ItemAdminForm
from watch.collection.admin_source_form import PORTAL_PANELS, SourceAdminForm
from watch.collection.models import CallsIndexPage, Item, Source

CLOSING_SOON_DAYS = 14


# --- Items: the curation queue ------------------------------------------------------------------


class DeadlineWindow(django_filters.ChoiceFilter):
    def filter(self, queryset, value):
        now = timezone.now()
        if value == "soon":
            return queryset.closing_within(CLOSING_SOON_DAYS, now)
        if value == "month":
            return queryset.closing_within(31, now)
        if value == "open":
            return queryset.open(now)
        if value == "closed":
            return queryset.closed(now)
        if value == "none":
            return queryset.filter(deadline__isnull=True)
        return queryset


class ItemFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Nature"), choices=Item.Kind.choices)
    status = django_filters.ChoiceFilter(label=_("Statut"), choices=Item.Status.choices)
    themes = django_filters.ModelChoiceFilter(
        label=_("Thématique"), queryset=Theme.objects.all(), field_name="themes"
    )
    source = django_filters.ModelChoiceFilter(label=_("Source"), queryset=Source.objects.all())
    deadline_window = DeadlineWindow(
        label=_("Date limite"),
        field_name="deadline",
        choices=[
            ("soon", _("Ferme dans les 14 jours")),
            ("month", _("Ferme dans les 31 jours")),
            ("open", _("Ouverts (ou sans date limite)")),
            ("closed", _("Clos")),
            ("none", _("Sans date limite")),
        ],
    )
    featured = django_filters.BooleanFilter(label=_("À la une"))

    class Meta:
        model = Item
        fields = ["kind", "status", "themes", "source", "deadline_window", "featured"]


def deadline_cell(item: Item):
    if item.deadline is None:
        return _gettext("sans date limite") if item.permanent else "—"
    label = timezone.localtime(item.deadline).strftime("%d/%m/%Y")
    now = timezone.now()
    if item.deadline < now:
        return format_html('{} <span class="w-status">{}</span>', label, _gettext("clos"))
    if item.closes_within(CLOSING_SOON_DAYS, now):
        days = (item.deadline - now).days
        # Words as well as colour: "ferme dans 3 jours".
        return format_html(
            '{} <span class="w-status w-status--label" style="background:#fde68a;color:#3b2f00">'
            "{}</span>",
            label,
            ngettext("ferme dans %(n)s jour", "ferme dans %(n)s jours", days) % {"n": days},
        )
    return label


class ItemViewSet(SnippetViewSet):
    model = Item
    icon = "list-ul"
    menu_label = _("File de veille")
    url_prefix = "veille/elements"
    list_per_page = 50
    ordering = ["-collected_at"]
    list_display = [
        "display_title",
        "kind",
        "status",
        Column("deadline", label=_("Date limite"), accessor=deadline_cell, sort_key="deadline"),
        "featured",
        "source",
        "collected_at",
    ]
    filterset_class = ItemFilterSet
    search_fields = ["title", "editor_title", "summary_text", "source__name"]
    search_backend_name = None  # plain database search: items are not in the search index
    list_export = [
        "display_title", "url", "kind", "status", "deadline", "permanent", "source",
        "published_at", "collected_at", "accepted_at",
    ]  # fmt: skip
    export_filename = "veille"
    inspect_view_enabled = True
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldRowPanel(
                        [FieldPanel("status"), FieldPanel("kind"), FieldPanel("featured")]
                    ),
                    FieldRowPanel([FieldPanel("deadline"), FieldPanel("permanent")]),
                    FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                ],
                heading=_("Curation"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("editor_title"),
                    FieldPanel("editor_summary_html"),
                    FieldPanel("editor_note"),
                ],
                heading=_("Version de la rédaction (prioritaire sur celle de la source)"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("title", read_only=True),
                    FieldPanel("url", read_only=True),
                    FieldPanel("summary_text", read_only=True),
                    FieldPanel("source", read_only=True),
                    FieldPanel("published_at", read_only=True),
                    FieldPanel("collected_at", read_only=True),
                    FieldPanel("opens_at", read_only=True),
                    FieldPanel("facts", read_only=True),
                ],
                heading=_("Telle que collectée"),
            ),
        ],
        base_form_class=ItemAdminForm,
    )

    def get_queryset(self, request):
        return Item.objects.select_related("source")


# --- Sources --------------------------------------------------------------------------------


def health_cell(source: Source):
    if source.is_paused:
        return format_html('<span class="w-status">{}</span>', _gettext("en pause"))
    if source.consecutive_failures:
        return format_html(
            '<span class="w-status w-status--label">{}</span> {}',
            ngettext("%(n)s échec", "%(n)s échecs", source.consecutive_failures)
            % {"n": source.consecutive_failures},
            source.last_error,
        )
    if source.last_warning:
        return format_html("{} : {}", _gettext("avertissement"), source.last_warning)
    if source.last_success_at:
        return _gettext("%(found)s trouvés, %(new)s nouveaux, %(updated)s mis à jour") % {
            "found": source.last_found,
            "new": source.last_new,
            "updated": source.last_updated,
        }
    return _gettext("jamais collectée")


class SourceViewSet(SnippetViewSet):
    model = Source
    icon = "link-external"
    menu_label = _("Sources")
    url_prefix = "veille/sources"
    list_display = [
        "name",
        "kind",
        "publishes",
        "active",
        Column("health", label=_("État"), accessor=health_cell),
        "last_fetch_at",
        "last_success_at",
    ]
    list_filter = ["kind", "publishes", "active"]
    search_fields = ["name", "url"]
    search_backend_name = None
    list_export = [
        "name", "url", "kind", "publishes", "active", "last_fetch_at", "last_success_at",
        "last_status", "consecutive_failures", "last_error",
    ]  # fmt: skip
    edit_handler = ObjectList(
        [
            HelpPanel(template="watch/admin/source_actions_panel.html"),
            FieldPanel("name"),
            FieldPanel("url"),
            FieldRowPanel([FieldPanel("kind"), FieldPanel("publishes")]),
            FieldRowPanel([FieldPanel("active"), FieldPanel("fetch_interval")]),
            FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
            MultiFieldPanel(
                [
                    FieldPanel("item_selector"),
                    FieldRowPanel([FieldPanel("link_selector"), FieldPanel("title_selector")]),
                    FieldRowPanel([FieldPanel("summary_selector"), FieldPanel("date_selector")]),
                    FieldPanel("deadline_selector"),
                ],
                heading=_("Sélecteurs CSS (sources de type page web)"),
            ),
            *PORTAL_PANELS,
            MultiFieldPanel(
                [
                    FieldRowPanel(
                        [
                            FieldPanel("last_fetch_at", read_only=True),
                            FieldPanel("last_success_at", read_only=True),
                            FieldPanel("last_status", read_only=True),
                        ]
                    ),
                    FieldRowPanel(
                        [
                            FieldPanel("last_found", read_only=True),
                            FieldPanel("last_new", read_only=True),
                            FieldPanel("last_updated", read_only=True),
                            FieldPanel("consecutive_failures", read_only=True),
                        ]
                    ),
                    FieldPanel("last_error", read_only=True),
                    FieldPanel("last_warning", read_only=True),
                    FieldPanel("paused_reason", read_only=True),
                    FieldPanel("next_fetch_at", read_only=True),
                ],
                heading=_("État de la collecte"),
            ),
        ],
        base_form_class=SourceAdminForm,
    )


class WatchGroup(SnippetViewSetGroup):
    menu_label = _("Veille")
    menu_icon = "radio-full"
    menu_order = 250
    items = (ItemViewSet, SourceViewSet)


register_snippet(WatchGroup)


# --- Bulk curation ------------------------------------------------------------------------------


class ItemBulkAction(SnippetBulkAction):
    models = [Item]
    template_name = "watch/admin/bulk_confirm.html"

    def check_perm(self, item):
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", item
        )

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "action_label": self.display_name}


@hooks.register("register_bulk_action")
class AcceptBulkAction(ItemBulkAction):
    display_name = _("Accepter")
    action_type = "accept"
    aria_label = _("Accepter les éléments choisis")
    action_priority = 10

    @classmethod
    def execute_action(cls, objects, **kwargs):
        ids = [item.pk for item in objects]
        Item.accept_in_bulk(ids)
        purge_page_cache()  # once for the batch: the public calls and news pages changed
        return len(ids), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(n)s élément accepté.", "%(n)s éléments acceptés.", num_parent_objects
        ) % {"n": num_parent_objects}


@hooks.register("register_bulk_action")
class RejectBulkAction(ItemBulkAction):
    display_name = _("Refuser")
    action_type = "reject"
    aria_label = _("Refuser les éléments choisis")
    action_priority = 20

    @classmethod
    def execute_action(cls, objects, **kwargs):
        ids = [item.pk for item in objects]
        Item.objects.filter(pk__in=ids).update(status=Item.Status.REJECTED, featured=False)
        purge_page_cache()
        return len(ids), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext("%(n)s élément refusé.", "%(n)s éléments refusés.", num_parent_objects) % {
            "n": num_parent_objects
        }


@hooks.register("register_bulk_action")
class FeatureBulkAction(ItemBulkAction):
    display_name = _("Mettre à la une")
    action_type = "feature"
    aria_label = _("Mettre à la une les éléments choisis (et les accepter)")
    action_priority = 30

    @classmethod
    def execute_action(cls, objects, **kwargs):
        ids = [item.pk for item in objects]
        Item.accept_in_bulk(ids, featured=True)
        purge_page_cache()
        return len(ids), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(n)s élément mis à la une.", "%(n)s éléments mis à la une.", num_parent_objects
        ) % {"n": num_parent_objects}


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


class WatchDashboardPanel(Component):
    """New items to review, calls closing soon, sources in trouble."""

    name = "watch"
    order = 150
    template_name = "watch/admin/dashboard_panel.html"

    def get_context_data(self, parent_context=None):
        now = timezone.now()
        closing = (
            Item.objects.accepted()
            .calls()
            .closing_within(CLOSING_SOON_DAYS, now)
            .select_related("source")
            .order_by("deadline")[:8]
        )
        trouble = Source.objects.filter(
            Q(paused_at__isnull=False) | Q(consecutive_failures__gt=0) | ~Q(last_warning="")
        ).order_by("-paused_at", "-consecutive_failures", "name")[:10]
        return {
            "new_count": Item.objects.filter(status=Item.Status.NEW).count(),
            "queue_url": reverse(ItemViewSet().get_url_name("list")) + "?status=new",
            "closing": closing,
            "trouble": trouble,
            "now": now,
        }


@hooks.register("construct_homepage_panels")
def add_watch_panel(request, panels):
    panels.append(WatchDashboardPanel())


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
    page = CallsIndexPage.objects.live().public().first()
    more_url = page.get_url(request) if page else None
    return {
        "key": "watch-calls",
        "title": _gettext("Appels à projets qui ferment bientôt"),
        "items": [
            {
                "title": call.display_title,
                "url": call.url,
                "meta": _gettext("Date limite : %(date)s")
                % {"date": timezone.localtime(call.deadline).strftime("%d/%m/%Y")},
                "summary": call.summary_text,
            }
            for call in calls
        ],
        "more_url": more_url,
        "more_label": _gettext("Tous les appels à projets"),
        "empty_text": _gettext("Aucun appel à projets ouvert pour le moment."),
    }


# --- /healthz -----------------------------------------------------------------------------------


@hooks.register("health_checks")
def watch_health() -> tuple[str, bool, dict]:
    """Is the watch still collecting? Unhealthy when no active source succeeded for too long.

    One aggregate query. A fresh install whose sources were never fetched yet is judged from the
    oldest active source's creation, so adding a source does not turn /healthz red at once.
    """
    from django.conf import settings
    from django.db.models import Count, Max, Min

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
