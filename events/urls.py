"""Public endpoints of this app that are not Wagtail pages (forms, feeds, calendars)."""

urlpatterns: list = []
