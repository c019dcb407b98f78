"""Per-IP rate limits for public forms, counted in Django's cache (Redis in production)."""

import hashlib
import ipaddress

from django.conf import settings
from django.core.cache import cache


def client_ip(request) -> str:
    """The visitor's address, as the last TRUSTED_PROXY_COUNT proxies saw it.

    Each trusted proxy appends the address it received from to X-Forwarded-For, so the Nth
    address from the right is the one the outermost trusted proxy saw: whatever a client wrote
    on the left is never read. Count 0 (no proxy), a short or missing header, or an entry that is
    not an IP address: REMOTE_ADDR.
    """
    remote_addr = request.META.get("REMOTE_ADDR", "unknown")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote_addr
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(forwarded) < count:
        return remote_addr
    try:
        return str(ipaddress.ip_address(forwarded[-count]))
    except ValueError:
        return remote_addr


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
