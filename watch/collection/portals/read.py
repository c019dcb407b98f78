"""Reading a portal: its API pages, fetched through `fetch.py`, mapped to `Record`s.

`read(job)` runs in a fetching thread and returns a `PortalFetch`: a `FetchResult` that carries
its records already mapped, since paging has to decode each page anyway (a second decoding in a
parsing process would double the work). A failed request, a body that is not JSON or not shaped
like the API's answers is a `FetchError`: the source's health records it and no item is touched.
A record the mapping cannot read is skipped and counted; the others go on. At most
`WATCH_MAX_ITEMS_PER_SOURCE` calls are kept, like a feed's items: paging stops there.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from watch.collection import fetch as fetching
from watch.collection.parse import ParseResult, Record, max_items
from watch.collection.portals import aides_territoires, eu_funding, facts
from watch.collection.portals.api import Paging
from watch.collection.themes import ThemePatterns, match_themes

READERS = {"eu-funding": eu_funding, "aides-territoires": aides_territoires}
# A record the mapping cannot read raises one of these; anything else is a bug worth seeing.
MALFORMED = (KeyError, TypeError, ValueError, IndexError, AttributeError)


@dataclass
class PortalFetch(fetching.FetchResult):
    """A portal read: the last page's HTTP status, the pages and bytes read, their records."""

    parsed: ParseResult = field(default_factory=ParseResult)
    pages: int = 0
    received: int = 0


def records_from_pages(
    kind: str,
    pages: Iterable,
    filters: dict,
    base_url: str,
    *,
    now: datetime | None = None,
    theme_patterns: ThemePatterns | None = None,
    cap: int | None = None,
) -> ParseResult:
    """Map API pages (decoded JSON) to records; one call found twice keeps its richest facts.

    `pages` may be a generator that fetches as it goes: a `FetchError` it raises goes up. Past
    `cap` calls (default `WATCH_MAX_ITEMS_PER_SOURCE`) no further page is read.
    """
    reader = READERS[kind]
    now = now or timezone.now()
    cap = cap if cap is not None else max_items()
    result = ParseResult()
    by_guid: dict[str, Record] = {}
    skipped = 0
    cut = False
    for page in pages:
        for raw in reader.results(page):
            try:
                record = reader.record(raw, base_url, now)
            except MALFORMED:
                skipped += 1
                continue
            if record is None or not reader.wanted(record, filters):
                continue
            known = by_guid.get(record.guid)
            if known is None and len(by_guid) >= cap:
                cut = True
                break
            if known is None or facts.richness(record.facts) > facts.richness(known.facts):
                by_guid[record.guid] = record
        if cut:
            break  # leaving the generator unfinished: no further page is fetched
    result.records = list(by_guid.values())
    if cut:
        result.add_warning(
            ngettext(
                "au-delà de %(n)s appel, les résultats n’ont pas été lus (affinez les filtres)",
                "au-delà de %(n)s appels, les résultats n’ont pas été lus (affinez les filtres)",
                cap,
            )
            % {"n": number_format(cap, force_grouping=True)}
        )
    if theme_patterns is not None:
        for record in result.records:
            matched = match_themes(f"{record.title} {record.summary_text}", theme_patterns)
            record.theme_ids = sorted(matched)
    if skipped:
        message = ngettext(
            "%(n)s enregistrement illisible a été ignoré",
            "%(n)s enregistrements illisibles ont été ignorés",
            skipped,
        ) % {"n": skipped}
        if result.records:
            result.add_warning(message)
        else:
            result.error = _("%(message)s ; aucun appel n’a pu être lu") % {"message": message}
    return result


def read(job, now: datetime | None = None) -> PortalFetch | fetching.FetchError:
    """Page through the portal of `job` (a `collect.Job`) and map what it returns."""
    paging = Paging.from_settings()
    reader = READERS[job.kind]
    try:
        pages: Iterator = reader.pages(job.url, job.filters, paging)
        parsed = records_from_pages(
            job.kind, pages, job.filters, job.url, now=now, theme_patterns=job.themes
        )
    except fetching.FetchError as error:
        return error
    if paging.truncated:
        note = ngettext(
            "au-delà de %(n)s page, les résultats n’ont pas été lus (affinez les filtres)",
            "au-delà de %(n)s pages, les résultats n’ont pas été lus (affinez les filtres)",
            paging.max_pages,
        ) % {"n": paging.max_pages}
        parsed.add_warning(note)
    return PortalFetch(
        url=job.url,
        status=paging.status,
        parsed=parsed,
        pages=paging.pages,
        received=paging.received,
    )
