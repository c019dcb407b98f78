"""Allow-list sanitising of what the watch stores or sends: HTML summaries (nh3) and item links."""

import html
import re
import threading
from urllib.parse import urljoin, urlsplit

import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "a", "ul", "ol", "li", "blockquote",
    "h3", "h4", "h5", "h6", "abbr", "cite", "code", "small", "sub", "sup", "span",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "hreflang"}, "abbr": {"title"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}
# Their text content is code or styling, never prose: dropped whole, not unwrapped.
CLEAN_CONTENT_TAGS = {
    "script",
    "style",
    "iframe",
    "object",
    "embed",
    "form",
    "template",
    "noscript",
}
# What a browser ignores in a URL (WHATWG URL standard): C0 controls and spaces around it, tabs
# and newlines inside it; other controls are dropped too, so "java\tscript:" shows its scheme.
_URL_EDGES = "".join(chr(code) for code in range(0x21))
_URL_CONTROLS = re.compile(r"[\x00-\x1f\x7f]")
LINK_SCHEMES = ("http", "https")
_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|blockquote|div|tr)>|<br\s*/?>", re.IGNORECASE)
# A tag as nh3 writes it out: attribute values always in double quotes, `"` inside escaped.
_CLEAN_TAG = re.compile(r'<(?:[^>"]|"[^"]*")*>')
# Characters nh3 changes in text (escapes, drops or normalises): without them, text is as is.
_TEXT_SPECIALS = ("<", ">", "&", "\x00", "\r", "\xa0")

# One sanitiser built once: building one per call (`nh3.clean`) cost four times the cleaning.
_SUMMARY_OPTIONS = {
    "tags": ALLOWED_TAGS,
    "clean_content_tags": CLEAN_CONTENT_TAGS,
    "attributes": ALLOWED_ATTRIBUTES,
    "url_schemes": ALLOWED_SCHEMES,
    "link_rel": "noopener noreferrer",
    "strip_comments": True,
}
_SUMMARY = nh3.Cleaner(**_SUMMARY_OPTIONS)
_TEXT = nh3.Cleaner(tags=set(), clean_content_tags=CLEAN_CONTENT_TAGS)
# The base of relative links, per thread: fetching threads sanitise at the same time.
_LINK_BASE = threading.local()


def _absolute(tag: str, attribute: str, url: str) -> str:
    return urljoin(_LINK_BASE.url, url) if attribute == "href" else url


_SUMMARY_LINKS = nh3.Cleaner(**_SUMMARY_OPTIONS, attribute_filter=_absolute)


def _plain(value: str) -> bool:
    """Text nh3 would give back unchanged: no markup, no entity, nothing it escapes or drops."""
    return not any(special in value for special in _TEXT_SPECIALS)


def clean_html(value: str, base_url: str = "") -> str:
    """Safe HTML: no script, style, iframe, form, on* attribute, javascript:/data: link.

    With `base_url`, relative links are made absolute (they would point at our site otherwise).
    """
    if not value:
        return ""
    if _plain(value):
        return value.strip()
    if base_url and "href" in value:
        _LINK_BASE.url = base_url
        return _SUMMARY_LINKS.clean(value).strip()
    return _SUMMARY.clean(value).strip()


def _text(value: str) -> str:
    return " ".join(html.unescape(value).split())


def to_text(value: str) -> str:
    """Plain text of an HTML fragment, for e-mails, search and snippets."""
    if not value:
        return ""
    if _plain(value):
        return " ".join(value.split())
    spaced = _BLOCK_END.sub(r"\g<0> ", value)
    return _text(_TEXT.clean(spaced))


def clean_to_text(clean: str) -> str:
    """`to_text` of what `clean_html` returned, without a second sanitising pass: nh3 writes
    well-formed tags and escapes `<` in text, so a pattern strips them exactly."""
    if not clean:
        return ""
    # A block's end is a space (as `to_text` adds one after it), any other tag nothing.
    return _text(_CLEAN_TAG.sub("", _BLOCK_END.sub(" ", clean)))


def usable_link(href: str, base_url: str = "") -> str:
    """`href` made absolute against `base_url` if it is an http(s) address with a host, else "".

    The scheme is judged as a browser would read it (case, spaces and control characters
    ignored), so `JAVASCRIPT:`, `" java\tscript:"` or `data:` never pass.
    """
    link = _URL_CONTROLS.sub("", (href or "").strip(_URL_EDGES))
    if not link:
        return ""
    link = urljoin(base_url, link) if base_url else link
    try:
        parts = urlsplit(link)
    except ValueError:
        return ""
    if parts.scheme.lower() not in LINK_SCHEMES or not parts.hostname:
        return ""
    return link
