"""Posts are written as plain text (paragraphs, links) or light HTML; nh3 keeps only safe tags."""

import nh3
from django.utils.html import linebreaks, urlize

ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "a", "ul", "ol", "li", "blockquote", "code", "pre",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


def post_html(text: str) -> str:
    """Safe HTML for a post: plain text becomes paragraphs with clickable links."""
    text = text.strip()
    if "<" not in text:
        text = urlize(linebreaks(text))
    return nh3.clean(
        text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    ).strip()


def is_empty(html: str) -> bool:
    return not nh3.clean(html, tags=set()).strip()
