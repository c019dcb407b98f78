"""Small, explicit queries other apps and the home page use (the digest, teasers)."""

from __future__ import annotations

from datetime import datetime

from hub.visibility import exclude_restricted
from resources.models import RESOURCE_PAGE_MODELS, ResourceEntry, ResourcePage


def new_resources(since: datetime, until: datetime) -> list[ResourcePage]:
    """Live, public resource pages first published in [since, until), newest first.

    Specific pages with `themes` prefetched; members-only pages (any view restriction, here or
    on an ancestor) are never returned: what this gives may be e-mailed to anyone.
    """
    pages: list[ResourcePage] = []
    for model in RESOURCE_PAGE_MODELS:
        pages += list(
            exclude_restricted(model.objects.live(), prefix="")
            .filter(first_published_at__gte=since, first_published_at__lt=until)
            .prefetch_related("themes")
        )
    pages.sort(key=lambda page: page.first_published_at, reverse=True)
    return pages


def latest_public_entries(limit: int = 4) -> list[ResourceEntry]:
    """The newest public resources with their pages and images, in one query."""
    entries = exclude_restricted(ResourceEntry.objects.live())
    return list(entries.select_related("page", "image").newest_first()[:limit])
