"""Admin views of the collection: curation queue, sources (test, fetch now, resume), dashboard."""

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import BooleanRadioSelect
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.permissions import get_permission_name
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from hub.admin_columns import optional, yes_no
from hub.cache import purge_page_cache
from hub.models import Theme
from watch.collection.admin_forms import ItemAdminForm
from watch.collection.admin_source_form import PORTAL_PANELS, SourceAdminForm
from watch.collection.collect import collect_source, preview
from watch.collection.models import Item, Source

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
    # Radio buttons with « Tous » as Wagtail's own filters, not "---------" or "Inconnu".
    kind = django_filters.ChoiceFilter(
        label=_("Nature"),
        choices=Item.Kind.choices,
        widget=forms.RadioSelect,
        empty_label=_("Tous"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Statut"),
        choices=Item.Status.choices,
        widget=forms.RadioSelect,
        empty_label=_("Tous"),
    )
    themes = django_filters.ModelChoiceFilter(
        label=_("Thématique"),
        queryset=Theme.objects.all(),
        field_name="themes",
        empty_label=_("Toutes"),
    )
    source = django_filters.ModelChoiceFilter(
        label=_("Source"), queryset=Source.objects.all(), empty_label=_("Toutes")
    )
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
        widget=forms.RadioSelect,
        empty_label=_("Toutes"),
    )
    featured = django_filters.BooleanFilter(label=_("À la une"), widget=BooleanRadioSelect)

    class Meta:
        model = Item
        fields = ["kind", "status", "themes", "source", "deadline_window", "featured"]


def deadline_cell(item: Item):
    if item.deadline is None:
        return gettext("sans date limite") if item.permanent else "—"
    label = timezone.localtime(item.deadline).strftime("%d/%m/%Y")
    now = timezone.now()
    if item.deadline < now:
        return format_html('{} <span class="w-status">{}</span>', label, gettext("clos"))
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
        yes_no(Item, "featured"),
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

    @property
    def menu_url(self):
        # The queue opens on what awaits a decision; « Tous » in the status filter shows the rest.
        return reverse(self.get_url_name("list")) + "?status=new"


# --- Sources --------------------------------------------------------------------------------


def health_cell(source: Source):
    if source.is_paused:
        return format_html('<span class="w-status">{}</span>', gettext("en pause"))
    if source.consecutive_failures:
        return format_html(
            '<span class="w-status w-status--label">{}</span> {}',
            ngettext("%(n)s échec", "%(n)s échecs", source.consecutive_failures)
            % {"n": source.consecutive_failures},
            source.last_error,
        )
    if source.last_warning:
        return format_html("{} : {}", gettext("avertissement"), source.last_warning)
    if source.last_success_at:
        return gettext("%(found)s trouvés, %(new)s nouveaux, %(updated)s mis à jour") % {
            "found": source.last_found,
            "new": source.last_new,
            "updated": source.last_updated,
        }
    return gettext("jamais collectée")


class SourceViewSet(SnippetViewSet):
    model = Source
    icon = "link-external"
    menu_label = _("Sources")
    url_prefix = "veille/sources"
    list_display = [
        "name",
        "kind",
        "publishes",
        yes_no(Source, "active"),
        Column("health", label=_("État"), accessor=health_cell),
        optional(Source, "last_fetch_at", empty_text=_("jamais")),
        optional(Source, "last_success_at", empty_text=_("jamais")),
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
    menu_icon = "view"  # a watch keeps an eye open
    menu_order = 250
    items = (ItemViewSet, SourceViewSet)


# --- Bulk curation ------------------------------------------------------------------------------


class ItemBulkAction(SnippetBulkAction):
    models = [Item]
    template_name = "watch/admin/bulk_confirm.html"

    def check_perm(self, item):
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", item
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        count = len(context.get("items") or [])
        return {**context, "action_label": self.display_name, "question": self.question(count)}

    def question(self, count: int) -> str:
        """The confirmation sentence for `count` items, written for this action."""
        raise NotImplementedError


class AcceptBulkAction(ItemBulkAction):
    display_name = _("Accepter")
    action_type = "accept"
    aria_label = _("Accepter les éléments choisis")
    action_priority = 10

    def question(self, count):
        return ngettext(
            "Accepter cet élément ? Il sera publié sur le site et pourra figurer dans la "
            "prochaine lettre.",
            "Accepter ces %(n)s éléments ? Ils seront publiés sur le site et pourront figurer "
            "dans la prochaine lettre.",
            count,
        ) % {"n": count}

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


class RejectBulkAction(ItemBulkAction):
    display_name = _("Refuser")
    action_type = "reject"
    aria_label = _("Refuser les éléments choisis")
    action_priority = 20

    def question(self, count):
        return ngettext(
            "Refuser cet élément ? Il ne sera ni publié ni envoyé.",
            "Refuser ces %(n)s éléments ? Ils ne seront ni publiés ni envoyés.",
            count,
        ) % {"n": count}

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


class FeatureBulkAction(ItemBulkAction):
    display_name = _("Mettre à la une")
    action_type = "feature"
    aria_label = _("Mettre à la une les éléments choisis (et les accepter)")
    action_priority = 30

    def question(self, count):
        return ngettext(
            "Mettre cet élément à la une ? Il sera aussi accepté.",
            "Mettre ces %(n)s éléments à la une ? Ils seront aussi acceptés.",
            count,
        ) % {"n": count}

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


# --- Source actions -----------------------------------------------------------------------------


def _check(request, action: str) -> None:
    if not request.user.has_perm(get_permission_name(action, Source)):
        raise PermissionDenied


def test_source(request, pk: int):
    """Show what a fetch would collect now, without saving anything."""
    _check(request, "change")
    source = get_object_or_404(Source, pk=pk)
    fetched, parsed = preview(source)
    return TemplateResponse(
        request,
        "watch/admin/source_test.html",
        {
            "source": source,
            "fetched": fetched,
            "parsed": parsed,
            "records": parsed.records[:100],
            "edit_url": reverse(source.snippet_viewset.get_url_name("edit"), args=[source.pk]),
            "header_title": gettext("Tester la source « %(name)s »") % {"name": source.name},
        },
    )


@require_POST
def test_unsaved(request):
    """The same test for the source being created or edited, from the form's values, before
    anything is saved (the form's "Tester avant d'enregistrer" button posts here)."""
    _check(request, "add")
    pk = request.POST.get("source_pk", "")
    instance = get_object_or_404(Source, pk=pk) if pk.isdigit() else Source()
    form_class = Source.snippet_viewset.get_edit_handler().get_form_class()
    form = form_class(request.POST, instance=instance, for_user=request.user)
    fetched = parsed = None
    if form.is_valid():
        fetched, parsed = preview(form.save(commit=False))
    return TemplateResponse(
        request,
        "watch/admin/source_test.html",
        {
            "source": form.instance,
            "form_errors": form.errors,
            "fetched": fetched,
            "parsed": parsed,
            "records": parsed.records[:100] if parsed else [],
            "unsaved": True,
            "header_title": _("Tester la source avant de l’enregistrer"),
        },
    )


@require_POST
def fetch_now(request, pk: int):
    _check(request, "change")
    source = get_object_or_404(Source, pk=pk)
    outcome = collect_source(source)
    level = messages.SUCCESS if outcome.ok and not outcome.skipped else messages.ERROR
    messages.add_message(request, level, f"{source.name} : {outcome.summary()}")
    return redirect(source.snippet_viewset.get_url_name("edit"), pk)


@require_POST
def resume(request, pk: int):
    """Take a paused source out of pause; its next fetch happens at the next round."""
    _check(request, "change")
    source = get_object_or_404(Source, pk=pk)
    Source.objects.filter(pk=pk).update(
        paused_at=None, paused_reason="", consecutive_failures=0, next_fetch_at=None
    )
    messages.success(request, gettext("La source « %(name)s » reprend.") % {"name": source.name})
    return redirect(source.snippet_viewset.get_url_name("edit"), pk)
