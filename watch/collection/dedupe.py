"""Canonical URLs and content fingerprints: how the watch recognises an item it already has."""

import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

TRACKING_PARAMS = {
    "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "_hsenc", "_hsmi",
    "xtor", "at_medium", "at_campaign", "ref_src", "yclid",
}  # fmt: skip
DEFAULT_PORTS = {"http": 80, "https": 443}
_SLASHES = re.compile(r"/{2,}")
# An address already in canonical form: lower-case http(s) scheme and host, no port, user, query
# or fragment, non-empty path segments without a trailing slash. Most items' links (every portal
# topic) are: parsing them again cost as much as mapping the rest of the record.
_CANONICAL = re.compile(r"https?://[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?(?:/[^/?#\s\\%]+)+")


def canonical_url(url: str) -> str:
    """Drop utm_*, fbclid, gclid and fragments; lowercase scheme and host; normalise port and
    trailing slash; sort the remaining query so parameter order does not matter."""
    url = (url or "").strip()
    if _CANONICAL.fullmatch(url):
        return url
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    if port and DEFAULT_PORTS.get(scheme) != port:
        host = f"{host}:{port}"
    if parts.username:
        host = f"{parts.username}@{host}"
    path = _SLASHES.sub("/", parts.path or "/")
    if len(path) > 1:
        path = path.rstrip("/")
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not key.lower().startswith("utm_") and key.lower() not in TRACKING_PARAMS
    ]
    return urlunsplit((scheme, host, path, urlencode(sorted(query)), ""))


def content_hash(title: str, text: str) -> str:
    """A fingerprint of what an item says, for feeds that reuse one GUID (or none) for all."""
    normalised = " ".join(f"{title}\n{text}".casefold().split())  # as `\s+` → " ", stripped
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()
