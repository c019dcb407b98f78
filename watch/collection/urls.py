"""Public endpoints of this app that are not Wagtail pages (forms, feeds, calendars)."""

from django.urls import path

from watch.collection.feeds import AcceptedItemsAtomFeed, AcceptedItemsFeed, calls_calendar

app_name = "watch"

urlpatterns: list = [
    path("veille/flux.rss", AcceptedItemsFeed(), name="feed_rss"),
    path("veille/flux.atom", AcceptedItemsAtomFeed(), name="feed_atom"),
    path("veille/appels-a-projets.ics", calls_calendar, name="calls_ics"),
]
