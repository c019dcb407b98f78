"""Per-IP rate limits for public forms, counted in Django's cache (Redis in production)."""

import hashlib

from django.core.cache import cache


def client_ip(request) -> str:
    # REMOTE_ADDR only: X-Forwarded-For is forgeable unless a trusted proxy rewrites it.
    return request.META.get("REMOTE_ADDR", "unknown")


def over_limit(request, scope: str, *, limit: int, window: int) -> bool:
    """Count one attempt from this visitor; True once they went over `limit` in `window` s."""
    # The IP is hashed: the cache holds no personal data in clear.
    digest = hashlib.sha256(client_ip(request).encode()).hexdigest()[:32]
    key = f"ratelimit:{scope}:{digest}"
    if cache.add(key, 1, timeout=window):
        return 1 > limit
    try:
        count = cache.incr(key)
    except ValueError:
        # The key expired between add() and incr(): this attempt opens a new window.
        cache.set(key, 1, timeout=window)
        count = 1
    return count > limit
