"""Public endpoints of subscriptions and digests (included by watch/urls.py)."""

from django.urls import path

from watch import archive_views, subscription_views

urlpatterns = [
    path("lettre/inscription/", subscription_views.subscribe, name="subscribe"),
    path("lettre/confirmer/<str:token>/", subscription_views.confirm, name="confirm"),
    path("lettre/preferences/<str:token>/", subscription_views.preferences, name="preferences"),
    path("lettre/desabonnement/<str:token>/", subscription_views.unsubscribe, name="unsubscribe"),
    path("lettre/archives/", archive_views.archive, name="digest_archive"),
    path("lettre/archives/<int:pk>/", archive_views.archive_detail, name="digest_archive_detail"),
    path("lettre/archives/atom.xml", archive_views.DigestAtomFeed(), name="digest_feed_atom"),
    path("lettre/archives/rss.xml", archive_views.DigestRssFeed(), name="digest_feed_rss"),
]
