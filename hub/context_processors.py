from django.conf import settings
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from hub.cache import generation

TIMELY_SECONDS = 300


def site_context(request):
    """What every template may need: the site name, and what fragment cache keys vary on."""
    return {
        "SITE_NAME": settings.WAGTAIL_SITE_NAME,
        # {% wagtailpagecache FRAGMENT_CACHE_SECONDS "name" fragment_version %}: a publish (the
        # generation, hub/cache.py) or another language gives a fragment a new key.
        "FRAGMENT_CACHE_SECONDS": settings.FRAGMENT_CACHE_SECONDS,
        # For fragments that follow the clock as well (upcoming events, months, deadlines): no
        # staler than the anonymous page cache's five minutes.
        "TIMELY_FRAGMENT_SECONDS": min(settings.FRAGMENT_CACHE_SECONDS, TIMELY_SECONDS),
        "fragment_version": SimpleLazyObject(lambda: f"{generation()}-{get_language()}"),
    }
