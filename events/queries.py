"""Event queries other apps rely on (the watch's digest lists events open for registration)."""

from datetime import datetime

from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from django.utils import timezone
from wagtail.models import PageViewRestriction

from events.models import EventPage


def upcoming_open_events(until: datetime):
    """Live public events starting between now and `until` that take registrations now.

    One SQL filter (no Python loop over events); themes are prefetched for the digest.
    """
    now = timezone.now()
    return (
        EventPage.objects.live()
        .public()
        .registration_open(now)
        .filter(start__lte=until)
        .select_related("venue")
        .prefetch_related("themes")
        .order_by("start")
    )


def without_view_restrictions(pages):
    """Like PageQuerySet.public(), but inside the same SQL query (a NOT EXISTS subquery).

    public() first loads every view restriction in a query of its own; the home page teaser
    keeps to two queries by letting the database do it.
    """
    restricted_ancestor = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return pages.exclude(Exists(restricted_ancestor))
