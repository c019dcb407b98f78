"""Recorded portal answers (demo/data/portals), served by the local test server."""

import json

from demo.portals import DATA as PORTALS
from tests.watch.factories import SourceFactory
from watch.collection.models import Source

EU_PATH = "/search-api/prod/rest/search"
AT_BASE = "/api/"
AT_KEY = "cle-de-test-aides-territoires"
AT_TOKEN = "eyJhbGciOiJIUzI1NiJ9.demo-only-token.signature"


def recorded(name: str) -> bytes:
    return (PORTALS / name).read_bytes()


def eu_page_query(number: int, size: int = 3) -> dict:
    return {"apiKey": "SEDIA", "text": "***", "pageSize": str(size), "pageNumber": str(number)}


def serve_eu(httpserver, pages=("search-page-1.json", "search-page-2.json")) -> str:
    """The EU search API answering each page with a recorded answer; returns the base URL."""
    for number, name in enumerate(pages, start=1):
        httpserver.expect_request(
            EU_PATH, method="POST", query_string=eu_page_query(number)
        ).respond_with_data(recorded(f"eu-funding/{name}"), content_type="application/json")
    return httpserver.url_for(EU_PATH)


def eu_source(url: str, **filters) -> Source:
    return SourceFactory(
        name="Portail européen — Europe créative",
        url=url,
        kind=Source.Kind.EU_FUNDING,
        publishes=Source.Publishes.CALLS,
        portal_filters=filters,
    )


def serve_aides(httpserver, pages=("aids-page-1.json", "aids-page-2.json")) -> str:
    httpserver.expect_request(
        AT_BASE + "connexion/", method="POST", headers={"X-AUTH-TOKEN": AT_KEY}
    ).respond_with_json(json.loads(recorded("aides-territoires/connexion.json")))
    for number, name in enumerate(pages, start=1):
        httpserver.expect_request(
            AT_BASE + "aids/",
            method="GET",
            headers={"Authorization": f"Bearer {AT_TOKEN}"},
            query_string={
                "categories": "culture",
                "targeted_audiences": "association",
                "perimeter": "70973-auvergne-rhone-alpes",
                "page": str(number),
                "page_size": "3",
            },
        ).respond_with_data(recorded(f"aides-territoires/{name}"), content_type="application/json")
    return httpserver.url_for(AT_BASE)


AT_FILTERS = {
    "categories": ["culture"],
    "audiences": ["association"],
    "perimeter": "70973-auvergne-rhone-alpes",
}


def aides_source(url: str, **filters) -> Source:
    return SourceFactory(
        name="Aides-territoires — culture en région",
        url=url,
        kind=Source.Kind.AIDES_TERRITOIRES,
        publishes=Source.Publishes.CALLS,
        portal_filters=filters or AT_FILTERS,
    )


def eu_json(name: str) -> dict:
    return json.loads(recorded(f"eu-funding/{name}"))
