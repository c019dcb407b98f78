"""Admin: venues, registrations per event, the registrations menu, and the home page teaser."""

from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from events import admin_views, dates
from events.models import AgendaPage, EventPage, Registration, Venue
from hub.admin_columns import optional, yes_no
from hub.locales import in_active_locale
from hub.visibility import exclude_restricted


class VenueViewSet(SnippetViewSet):
    model = Venue
    icon = "site"
    menu_label = _("Lieux")
    menu_order = 310
    add_to_admin_menu = False
    list_display = ["name", "city", yes_no(Venue, "step_free_access")]
    list_filter = ["city", "step_free_access"]
    search_fields = ["name", "city"]
    list_export = ["name", "street_address", "postal_code", "city", "accessibility"]


register_snippet(VenueViewSet)


class RegistrationPermissionPolicy(ModelPermissionPolicy):
    """Seats change hands only through the booking module (the per-event screen), so this
    listing may correct a person's details but never add or delete a registration."""

    def user_has_permission(self, user, action):
        if action in ("add", "delete", "copy"):
            return False
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


register_permission_policy(Registration, RegistrationPermissionPolicy(Registration))


class RegistrationViewSet(ModelViewSet):
    """Every registration, across events: find a person (e.g. for a data request), export."""

    model = Registration
    icon = "list-ul"
    menu_label = _("Liste complète")
    menu_order = 2
    add_to_admin_menu = False  # in the « Inscriptions » submenu
    url_prefix = "evenements/toutes-les-inscriptions"
    list_display = [
        "name",
        "email",
        optional(Registration, "organisation"),
        "event",
        "status",
        "created_at",
    ]
    list_filter = ["status", "source"]
    search_fields = ["name", "email", "organisation"]
    list_export = [
        "name",
        "email",
        "organisation",
        "role",
        "event",
        "status",
        "created_at",
        "attended_at",
    ]
    export_filename = "inscriptions"
    # Not the e-mail: it is the seat's key, corrected by cancelling and registering again.
    form_fields = ["name", "organisation", "role", "accessibility_needs"]
    inspect_view_enabled = True
    copy_view_enabled = False

    def get_index_view_kwargs(self, **kwargs):
        # ModelViewSet has no get_queryset(request) hook: without this, one query per event.
        return super().get_index_view_kwargs(
            queryset=Registration.objects.select_related("event"), **kwargs
        )


registration_viewset = RegistrationViewSet("events_registrations")


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return registration_viewset


@hooks.register("register_admin_urls")
def register_registration_urls():
    return [
        path(
            "evenements/inscriptions/",
            admin_views.registrations_overview,
            name="events_registrations_overview",
        ),
        path(
            "evenements/<int:page_id>/inscriptions/",
            admin_views.event_registrations,
            name="events_event_registrations",
        ),
    ]


@hooks.register("register_admin_menu_item")
def registrations_menu_item():
    # One short entry with a submenu: two long labels were cut off in the sidebar.
    by_event = MenuItem(
        _("Par événement"), reverse("events_registrations_overview"), icon_name="group", order=1
    )
    return SubmenuMenuItem(
        _("Inscriptions"),
        Menu(items=[by_event, registration_viewset.get_menu_item()]),
        name="inscriptions",
        icon_name="group",
        order=250,
    )


def _registrations_button(page, user, priority):
    if page.specific_class is EventPage and page.permissions_for_user(user).can_edit():
        return Button(
            _("Inscriptions"),
            reverse("events_event_registrations", args=[page.pk]),
            icon_name="group",
            priority=priority,
        )
    return None


@hooks.register("register_page_header_buttons")
def event_header_button(page, user, view_name, next_url=None):
    button = _registrations_button(page, user, 25)
    if button:
        yield button


@hooks.register("register_page_listing_more_buttons")
def event_listing_button(page, user, next_url=None):
    button = _registrations_button(page, user, 25)
    if button:
        yield button


@hooks.register("home_teasers")
def next_events_teaser(request) -> dict | None:
    """« Prochains événements »: the next four events, in two small queries."""
    events = list(
        exclude_restricted(in_active_locale(EventPage.objects.live()), prefix="")
        .upcoming(timezone.now())
        .select_related("venue", "image")
        .defer_streamfields()
        .order_by("start")[:4]
    )
    agenda = (
        exclude_restricted(in_active_locale(AgendaPage.objects.live()), prefix="")
        .only("url_path")
        .first()
    )
    return {
        "key": "evenements",
        "title": _("Prochains événements"),
        "items": [
            {
                "title": event.title,
                "url": event.get_url(request),
                "meta": " · ".join(
                    part
                    for part in (
                        event.get_format_display(),
                        dates.event_dates(event.start, event.end),
                        event.venue.city if event.venue_id else str(_("En ligne")),
                    )
                    if part
                ),
                "summary": event.summary,
                "image": event.image,
            }
            for event in events
        ],
        "more_url": agenda.get_url(request) if agenda else "",
        "more_label": _("Tout l’agenda"),
        "empty_text": _("Aucun événement annoncé pour le moment : revenez bientôt."),
    }
