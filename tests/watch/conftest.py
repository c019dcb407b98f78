"""Fixtures of the watch tests: samples served by a real local HTTP server, a frozen clock."""

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

# The samples ship once, with the demo (demo/data): the tests read the same files and selectors.
from demo.watch import DATA
from tests.watch.factories import SourceFactory
from watch.collection.models import Source

# The samples' README judges "closed" on this day.
FROZEN_NOW = datetime(2026, 11, 22, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))

CONTENT_TYPES = {
    ".rss": "application/rss+xml",
    ".atom": "application/atom+xml",
    ".xml": "application/xml",
    ".html": "text/html; charset=utf-8",
}


def sample(name: str) -> bytes:
    return (DATA / name).read_bytes()


@pytest.fixture
def frozen_now(monkeypatch):
    """Freeze `timezone.now()` at 2026-11-22 10:00 in Paris."""
    monkeypatch.setattr(timezone, "now", lambda: FROZEN_NOW)
    return FROZEN_NOW


@pytest.fixture
def serve(httpserver):
    """Serve a sample at a path; return its URL."""

    def _serve(name: str, path: str | None = None, **headers) -> str:
        path = path or "/" + name
        suffix = Path(name).suffix
        content_type = CONTENT_TYPES.get(suffix, "application/octet-stream")
        httpserver.expect_request(path).respond_with_data(
            sample(name), content_type=content_type, headers=headers or None
        )
        return httpserver.url_for(path)

    return _serve


@pytest.fixture
def feed_source(db, serve):
    def _make(name: str, **fields) -> Source:
        return SourceFactory(name=name, url=serve(name), kind=Source.Kind.FEED, **fields)

    return _make


@pytest.fixture
def page_source(db, serve):
    def _make(name: str, selectors: dict, **fields) -> Source:
        return SourceFactory(
            name=name, url=serve(name), kind=Source.Kind.PAGE, **selectors, **fields
        )

    return _make
