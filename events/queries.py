"""Event queries other apps rely on (the watch's digest lists events open for registration)."""

from datetime import datetime

from django.utils import timezone

from events.models import EventPage
from hub.locales import in_default_locale
from hub.visibility import exclude_restricted


def upcoming_open_events(until: datetime):
    """Live public events starting between now and `until` that take registrations now.

    One SQL filter (no Python loop over events); themes are prefetched for the digest, which
    is written in French: French pages only.
    """
    now = timezone.now()
    return (
        exclude_restricted(in_default_locale(EventPage.objects.live()), prefix="")
        .registration_open(now)
        .filter(start__lte=until)
        .select_related("venue")
        .prefetch_related("themes")
        .order_by("start")
    )
