from django.conf import settings
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from hub.cache import generation


def site_context(request):
    """What every template may need: the site name, and what fragment cache keys vary on."""
    return {
        "SITE_NAME": settings.WAGTAIL_SITE_NAME,
        # {% wagtailpagecache FRAGMENT_CACHE_SECONDS "name" fragment_version %}: a publish (the
        # generation, hub/cache.py) or another language gives a fragment a new key.
        "FRAGMENT_CACHE_SECONDS": settings.FRAGMENT_CACHE_SECONDS,
        "fragment_version": SimpleLazyObject(lambda: f"{generation()}-{get_language()}"),
    }
