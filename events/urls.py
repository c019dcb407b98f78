"""Public endpoints of this app that are not Wagtail pages (forms, feeds, calendars)."""

from django.urls import path

from events import views

urlpatterns = [
    path("evenements/agenda.ics", views.agenda_feed, name="events_agenda_feed"),
    path("evenements/cycle/<int:cycle_id>.ics", views.cycle_feed, name="events_cycle_feed"),
    path("evenements/<int:event_id>.ics", views.event_ics, name="events_event_ics"),
    path("evenements/<int:event_id>/inscription/", views.register, name="events_register"),
    path(
        "evenements/inscription/<str:token>/",
        views.registration_detail,
        name="events_registration",
    ),
    path(
        "evenements/inscription/<str:token>/annuler/",
        views.registration_cancel,
        name="events_registration_cancel",
    ),
]
