"""Aides-territoires, the French national aid database, through its public API.

Its API key (`AIDES_TERRITOIRES_API_KEY` in the environment) is exchanged for a short-lived token:
`POST <base>/connexion/` with the header `X-AUTH-TOKEN: <key>` answers `{"token": "…"}`, sent
as `Authorization: Bearer …` to `GET <base>/aids/?categories=…&targeted_audiences=…&perimeter=…
&text=…&page=N&page_size=M`. The answer is paginated the Django REST framework way: `count`,
`next`, `previous`, `results`; each aid has `id`, `name`, `url` (its page on the site),
`description` and `eligibility` (HTML), `financers`, `aid_types`, `targeted_audiences`, `programs`,
`categories`, `perimeter`, `start_date`, `predeposit_date`, `submission_deadline` (ISO dates),
`recurrence` (permanent, one-off or recurring) and `is_call_for_project`.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, time
from urllib.parse import urlencode, urljoin, urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

from watch.collection import fetch as fetching
from watch.collection.dates import PARIS
from watch.collection.parse import Record
from watch.collection.portals import facts
from watch.collection.portals.api import Paging, get_json, make_record, unexpected_shape
from watch.collection.portals.filters import split_list
from watch.collection.sanitize import to_text

DEFAULT_URL = "https://aides-territoires.beta.gouv.fr/api/"
KEY_VARIABLE = "AIDES_TERRITOIRES_API_KEY"
PERMANENT = {"ongoing", "permanente", "permanent"}


def api_key() -> str:
    return settings.WATCH_AIDES_TERRITOIRES_API_KEY


def missing_key_message() -> str:
    return _(
        "la clé d’API Aides-territoires est absente : définissez la variable d’environnement"
        " %(variable)s (clé demandée sur aides-territoires.beta.gouv.fr), puis reprenez la"
        " source ; en attendant elle est en pause"
    ) % {"variable": KEY_VARIABLE}


def _base(base_url: str) -> str:
    return base_url if base_url.endswith("/") else base_url + "/"


def aids_url(base_url: str, filters: dict, number: int, size: int) -> str:
    query = [("categories", value) for value in split_list(filters.get("categories"))]
    query += [("targeted_audiences", value) for value in split_list(filters.get("audiences"))]
    if str(filters.get("perimeter") or "").strip():
        query.append(("perimeter", str(filters["perimeter"]).strip()))
    keywords = split_list(filters.get("keywords"))
    if keywords:
        query.append(("text", " ".join(keywords)))
    query += [("page", str(number)), ("page_size", str(size))]
    return urljoin(_base(base_url), "aids/") + "?" + urlencode(query)


def token(base_url: str, paging: Paging) -> str:
    """Exchange the API key for a token; a refused key pauses the source with a clear reason."""
    key = api_key()
    if not key:
        raise fetching.FetchError(missing_key_message(), gone=True)
    try:
        answer = get_json(
            urljoin(_base(base_url), "connexion/"),
            paging,
            method="POST",
            body=b"",
            headers={"X-AUTH-TOKEN": key},
        )
    except fetching.FetchError as error:
        if error.status in (401, 403):
            raise fetching.FetchError(
                _(
                    "Aides-territoires a refusé la clé d’API (%(status)s) : vérifiez la variable"
                    " %(variable)s"
                )
                % {"status": error.status, "variable": KEY_VARIABLE},
                status=error.status,
            ) from error
        raise
    value = answer.get("token") if isinstance(answer, dict) else None
    if not isinstance(value, str) or not value:
        raise fetching.FetchError(_("Aides-territoires n’a pas donné de jeton d’accès"))
    return value


def pages(base_url: str, filters: dict, paging: Paging) -> Iterator:
    headers = {"Authorization": f"Bearer {token(base_url, paging)}"}
    number = 1
    while True:
        if number > paging.max_pages:
            paging.truncated = True
            return
        url = aids_url(base_url, filters, number, paging.page_size)
        page = get_json(url, paging, headers=headers)
        paging.pages += 1
        yield page
        # `next` says there is more; its address is rebuilt from ours (a mirror, a test server).
        if not page.get("next"):
            return
        number += 1


def results(page) -> list:
    if not isinstance(page, dict) or not isinstance(page.get("results"), list):
        raise unexpected_shape()
    return page["results"]


def _when(value, end_of_day: bool) -> datetime | None:
    if not value:
        return None
    when = datetime.fromisoformat(str(value).strip())
    if when.tzinfo is None:
        clock = time(23, 59) if end_of_day and len(str(value).strip()) == 10 else when.time()
        when = datetime.combine(when.date(), clock, tzinfo=PARIS)
    return when


def _names(values) -> list[str]:
    """Names from a list of strings or of objects with a `name` (the API gives either)."""
    names = []
    for value in values or []:
        name = value.get("name") if isinstance(value, dict) else value
        if name and str(name).strip():
            names.append(str(name).strip())
    return names


def record(raw: dict, base_url: str, now: datetime) -> Record:
    aid_id = raw["id"]
    name = raw["name"]
    if not isinstance(name, str):
        raise TypeError("aid without a name")
    parts = urlsplit(base_url)
    link = urljoin(f"{parts.scheme}://{parts.netloc}/", str(raw.get("url") or ""))
    submission = _when(raw.get("submission_deadline"), end_of_day=True)
    predeposit = _when(raw.get("predeposit_date"), end_of_day=True)
    opens_at = _when(raw.get("start_date"), end_of_day=False)
    stages = [when for when in (predeposit, submission) if when]
    permanent = str(raw.get("recurrence") or "").strip().lower() in PERMANENT and not submission
    call_facts = facts.build(
        portal="aides-territoires",
        identifier=str(aid_id),
        programme=", ".join(_names(raw.get("programs"))),
        status="forthcoming" if opens_at and opens_at > now else "open",
        opens_at=opens_at,
        deadlines=stages,
        deadline_model="two-stage" if len(stages) > 1 else "",
        financers=_names(raw.get("financers")),
        aid_types=_names(raw.get("aid_types")),
        applicants=_names(raw.get("targeted_audiences")),
        eligibility=to_text(str(raw.get("eligibility") or ""))[:600],
        perimeter=str(raw.get("perimeter") or ""),
        permanent=permanent,
    )
    return make_record(
        title=name,
        url=link,
        guid=f"aides-territoires:{aid_id}",
        summary_html=str(raw.get("description") or ""),
        # The final deadline: a pre-deposit date is a first step, not the end of the call.
        deadline=submission,
        opens_at=opens_at,
        call_facts=call_facts,
        base_url=link,
        language="fr",  # the national database is written in French
    )


def wanted(call: Record, filters: dict) -> bool:
    return True  # the API itself applies every filter
