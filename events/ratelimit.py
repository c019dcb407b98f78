"""A per-IP rate limit on public forms, kept in Django's cache (Redis in production)."""

from django.conf import settings
from django.core.cache import cache


def client_ip(request) -> str:
    # REMOTE_ADDR only: X-Forwarded-For is forgeable unless a trusted proxy rewrites it.
    return request.META.get("REMOTE_ADDR", "unknown")


def allow(request, scope: str) -> bool:
    """Count one attempt; False once the IP has used up its attempts in the window."""
    limit, window = getattr(settings, "EVENTS_REGISTRATION_RATE_LIMIT", (10, 600))
    key = f"ratelimit:{scope}:{client_ip(request)}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:
        # The key expired between add() and incr(): this attempt opens a new window.
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= limit
