"""What the portal readers share: bounded paging, one guarded JSON request, a call as a
`Record` (sanitised summary, canonical link, facts)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.utils.translation import gettext as _

from watch.collection import fetch as fetching
from watch.collection.dedupe import canonical_url, content_hash
from watch.collection.parse import Record
from watch.collection.sanitize import clean_html, clean_to_text, to_text

# A topic's full description can run to pages: the item keeps its beginning.
SUMMARY_CHARS = 1200
# Only this much of the raw description is sanitised: markup shrinks when cleaned, so four times
# the summary leaves enough text, and a description of pages is not cleaned whole to keep 1,200
# characters. A cut inside a tag or a script is harmless: the sanitiser drops what is unfinished.
RAW_SUMMARY_CHARS = 4 * SUMMARY_CHARS
# A space in text, not inside a tag: what follows it reaches a "<" (or the end) before any ">".
_TEXT_SPACE = re.compile(r" (?=[^<>]*(?:<|$))")


@dataclass
class Paging:
    """Bounds of one read, and what it met: pages fetched, bytes received, last status."""

    max_pages: int
    page_size: int
    pages: int = 0
    received: int = 0
    status: int = 200
    truncated: bool = False

    @classmethod
    def from_settings(cls) -> Paging:
        return cls(
            max_pages=settings.WATCH_PORTAL_MAX_PAGES,
            page_size=settings.WATCH_PORTAL_PAGE_SIZE,
        )


def get_json(
    url: str,
    paging: Paging | None = None,
    *,
    method: str = "GET",
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
):
    """One guarded request to an API, its body decoded as JSON."""
    result = fetching.fetch(
        url,
        method=method,
        body=body,
        extra_headers={"Accept": "application/json", **(headers or {})},
    )
    if paging is not None:
        paging.status = result.status
        paging.received += len(result.body)
    try:
        return json.loads(result.body)
    except (ValueError, UnicodeDecodeError) as error:
        raise fetching.FetchError(
            _("l’API a renvoyé une réponse qui n’est pas du JSON valide ; rien n’a été modifié"),
            status=result.status,
        ) from error


def unexpected_shape() -> fetching.FetchError:
    return fetching.FetchError(
        _("la réponse de l’API n’a pas la forme attendue (liste de résultats absente)")
    )


def shorten(clean: str, limit: int = SUMMARY_CHARS) -> str:
    """The beginning of sanitised HTML, cut between words, its open tags closed again.

    Cheaper than `Truncator(...).words(html=True)` (a Python HTML parser run on every record):
    the text is already safe, so a cut and a second allow-list pass suffice.
    """
    if len(clean) <= limit:
        return clean
    cut = clean[:limit]
    if cut.rfind("<") > cut.rfind(">"):
        cut = cut[: cut.rfind("<")]  # not inside a tag
    spaces = [match.start() for match in _TEXT_SPACE.finditer(cut)]
    if spaces:
        cut = cut[: spaces[-1]]  # between words
    return clean_html(cut.rstrip() + " …")


def make_record(
    *,
    title: str,
    url: str,
    guid: str,
    summary_html: str,
    deadline: datetime | None,
    opens_at: datetime | None,
    call_facts: dict,
    base_url: str,
    language: str = "",
) -> Record:
    """A call as the rest of the pipeline knows it, with its facts."""
    clean = shorten(clean_html((summary_html or "")[:RAW_SUMMARY_CHARS], base_url))
    text = clean_to_text(clean)
    title = to_text(title)[:500]
    if not title or not url.lower().startswith(("https://", "http://")):
        raise ValueError("a call needs a title and a web link")
    return Record(
        title=title,
        url=url,
        canonical_url=canonical_url(url),
        guid=guid[:1000],
        summary_html=clean,
        summary_text=text,
        deadline=deadline,
        permanent=bool(call_facts.get("permanent")),
        kind="call",
        content_hash=content_hash(title, text),
        facts=call_facts,
        opens_at=opens_at,
        language=language,
    )
