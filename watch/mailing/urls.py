"""Public endpoints of subscriptions and the digest archive."""

from django.urls import path

from watch.mailing import archive_views
from watch.mailing import views as subscription_views

app_name = "mailing"

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
