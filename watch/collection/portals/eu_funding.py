"""The EU Funding & Tenders Portal, through the Commission's public search API (SEDIA).

The portal's own pages POST to `…/search-api/prod/rest/search?apiKey=SEDIA&text=***&pageSize=N
&pageNumber=P` a multipart body whose parts `query` (an Elasticsearch-like bool query on `type`,
`status`, `frameworkProgramme`), `languages` and `sort` are JSON documents (`application/json`
parts: plain text fields are refused). The answer: `totalResults`, `pageNumber`, `pageSize` and
`results`, each result's facts in `metadata`, every value a list (`identifier`, `title`,
`callIdentifier`, `callTitle`, `status`, `startDate`, `deadlineDate` — two dates for a two-stage
topic —, `deadlineModel`, `frameworkProgramme`, `typesOfAction`, `budgetOverview` as a JSON text,
`descriptionByte` as HTML).
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from datetime import datetime, time
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import urllib3

from watch.collection.dates import PARIS
from watch.collection.parse import Record, language_tag
from watch.collection.portals import facts
from watch.collection.portals.api import Paging, get_json, make_record, unexpected_shape
from watch.collection.portals.filters import EU_STATUSES, PROGRAMMES, eu_filters

DEFAULT_URL = "https://api.tech.ec.europa.eu/search-api/prod/rest/search"
TOPIC_URL = (
    "https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/opportunities/"
    "topic-details/{}"
)
# 1: grant topics, 8: cascade funding (calls of EU-funded projects); 2 (calls) would repeat topics.
TYPES = ["1", "8"]
STATUS_NAMES = {code: name for name, code in EU_STATUSES.items()}


def search_url(base_url: str, number: int, size: int) -> str:
    parts = urlsplit(base_url)
    query = dict(parse_qsl(parts.query))
    query.setdefault("apiKey", "SEDIA")
    query.setdefault("text", "***")
    query.update(pageSize=str(size), pageNumber=str(number))
    return urlunsplit(parts._replace(query=urlencode(query)))


def search_query(filters: dict) -> dict:
    """The `query` part: statuses always; programmes when each one has an id in the API."""
    codes, statuses, _keywords = eu_filters(filters)
    must = [
        {"terms": {"type": TYPES}},
        {"terms": {"status": [EU_STATUSES[status] for status in statuses]}},
    ]
    ids = [code if code.isdigit() else PROGRAMMES[code].framework_id for code in codes]
    # A programme without an id (Interreg) is found by identifier: the API must not narrow.
    if ids and None not in ids:
        must.append({"terms": {"frameworkProgramme": sorted(set(ids))}})
    return {"bool": {"must": must}}


def search_body(filters: dict) -> tuple[bytes, str]:
    """The multipart body and its content type."""
    parts = {
        "query": json.dumps(search_query(filters)),
        "languages": json.dumps(["en"]),
        # A unique key: ties would move between pages while paging.
        "sort": json.dumps({"field": "identifier", "order": "ASC"}),
    }
    return urllib3.encode_multipart_formdata(
        {name: ("blob", value, "application/json") for name, value in parts.items()}
    )


def pages(base_url: str, filters: dict, paging: Paging) -> Iterator:
    body, content_type = search_body(filters)
    number = 1
    while True:
        if number > paging.max_pages:
            paging.truncated = True
            return
        page = get_json(
            search_url(base_url, number, paging.page_size),
            paging,
            method="POST",
            body=body,
            headers={"Content-Type": content_type},
        )
        paging.pages += 1
        yield page
        total = page.get("totalResults") if isinstance(page, dict) else None
        if not page.get("results") or not isinstance(total, int):
            return
        if number * paging.page_size >= total:
            return
        number += 1


def results(page) -> list:
    if not isinstance(page, dict) or not isinstance(page.get("results"), list):
        raise unexpected_shape()
    return page["results"]


def first(metadata: dict, key: str) -> str:
    values = metadata.get(key) or []
    if not isinstance(values, list):
        values = [values]
    return str(values[0]).strip() if values else ""


def parse_when(value: str) -> datetime:
    """ "2027-03-05T17:00:00.000+0100" as an aware date-time; a bare date ends that day in Paris."""
    when = datetime.fromisoformat(value.strip())
    if when.tzinfo is None:
        when = datetime.combine(when.date(), time(23, 59), tzinfo=PARIS)
    return when


def budget(overview: str, identifier: str) -> float | None:
    """The topic's budget from `budgetOverview` (its rows of `budgetTopicActionMap`)."""
    try:
        rows = [
            row
            for actions in json.loads(overview)["budgetTopicActionMap"].values()
            for row in actions
            if str(row.get("action", "")).startswith(identifier)
        ]
        total = sum(float(value) for row in rows for value in row["budgetYearMap"].values())
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
    return total or None


def programme_label(identifier: str, framework_id: str) -> str:
    by_prefix = sorted(
        (programme for programme in PROGRAMMES.values() if identifier.startswith(programme.prefix)),
        key=lambda programme: len(programme.prefix),
        reverse=True,
    )
    if by_prefix:
        return by_prefix[0].label
    for programme in PROGRAMMES.values():
        if framework_id and programme.framework_id == framework_id:
            return programme.label
    return identifier.split("-")[0]


def pick_deadline(deadlines: list[datetime], model: str, now: datetime) -> datetime | None:
    """The deadline the item shows: the first stage of a staged call (a newcomer must meet it),
    otherwise the next cut-off (the last one once all have passed)."""
    if not deadlines:
        return None
    if model.lower() in facts.STAGED_MODELS:
        return deadlines[0]
    upcoming = [when for when in deadlines if when >= now]
    return upcoming[0] if upcoming else deadlines[-1]


def record(raw: dict, base_url: str, now: datetime) -> Record | None:
    """One topic; None for a closed topic without dates (nothing to show, nothing to archive)."""
    metadata = raw["metadata"]
    identifier = first(metadata, "identifier").upper()
    if not identifier:
        raise ValueError("topic without identifier")
    status = STATUS_NAMES.get(first(metadata, "status"), "")
    deadlines = sorted(parse_when(str(value)) for value in metadata.get("deadlineDate") or [])
    if status == "closed" and not deadlines:
        return None
    start = first(metadata, "startDate")
    opens_at = parse_when(start) if start else None
    model = first(metadata, "deadlineModel")
    framework_id = first(metadata, "frameworkProgramme")
    call_facts = facts.build(
        portal="eu-funding",
        identifier=identifier,
        programme=programme_label(identifier, framework_id),
        programme_id=framework_id,
        call_identifier=first(metadata, "callIdentifier"),
        call_title=first(metadata, "callTitle"),
        status=status,
        opens_at=opens_at,
        deadlines=deadlines,
        deadline_model=model,
        budget=budget(first(metadata, "budgetOverview"), identifier),
        aid_types=[str(value) for value in metadata.get("typesOfAction") or [] if value],
    )
    return make_record(
        title=first(metadata, "title") or str(raw.get("summary") or ""),
        url=TOPIC_URL.format(identifier.lower()),
        guid=identifier,
        summary_html=first(metadata, "descriptionByte") or str(raw.get("content") or ""),
        deadline=pick_deadline(deadlines, model, now),
        opens_at=opens_at,
        call_facts=call_facts,
        base_url=TOPIC_URL.format(""),
        # Topics are written in English; the API says so per topic ("en").
        language=language_tag(first(metadata, "language")) or "en",
    )


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def wanted(call: Record, filters: dict) -> bool:
    """The editor's programmes (by identifier prefix, or framework id) and keywords (any)."""
    codes, _statuses, keywords = eu_filters(filters)
    if codes:
        identifier = call.facts.get("identifier", "")
        prefixes = [PROGRAMMES[code].prefix for code in codes if code in PROGRAMMES]
        ids = [code for code in codes if code.isdigit()]
        if not (
            any(identifier.startswith(prefix) for prefix in prefixes)
            or call.facts.get("programme_id") in ids
        ):
            return False
    if keywords:
        text = _fold(" ".join([call.title, call.summary_text, call.facts.get("call_title", "")]))
        return any(_fold(keyword) in text for keyword in keywords)
    return True
