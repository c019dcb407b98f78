"""Allow-list sanitising of what the watch stores or sends: HTML summaries (nh3) and item links."""

import html
import re
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
_SPACES = re.compile(r"\s+")
# What a browser ignores in a URL (WHATWG URL standard): C0 controls and spaces around it, tabs
# and newlines inside it; other controls are dropped too, so "java\tscript:" shows its scheme.
_URL_EDGES = "".join(chr(code) for code in range(0x21))
_URL_CONTROLS = re.compile(r"[\x00-\x1f\x7f]")
LINK_SCHEMES = ("http", "https")
_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|blockquote|div|tr)>|<br\s*/?>", re.IGNORECASE)


def clean_html(value: str, base_url: str = "") -> str:
    """Safe HTML: no script, style, iframe, form, on* attribute, javascript:/data: link.

    With `base_url`, relative links are made absolute (they would point at our site otherwise).
    """
    if not value:
        return ""

    def absolute(tag: str, attribute: str, url: str) -> str:
        return urljoin(base_url, url) if attribute == "href" else url

    cleaned = nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        clean_content_tags=CLEAN_CONTENT_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
        attribute_filter=absolute if base_url and "href" in value else None,
    )
    return cleaned.strip()


def to_text(value: str) -> str:
    """Plain text of an HTML fragment, for e-mails, search and snippets."""
    if not value:
        return ""
    spaced = _BLOCK_END.sub(lambda match: match.group(0) + " ", value)
    stripped = nh3.clean(spaced, tags=set(), clean_content_tags=CLEAN_CONTENT_TAGS)
    return _SPACES.sub(" ", html.unescape(stripped)).strip()


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
