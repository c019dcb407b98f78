"""Allow-list sanitising of every HTML summary the watch stores or sends (nh3)."""

import html
import re
from urllib.parse import urljoin

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
