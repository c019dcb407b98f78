"""Operators read one parseable `key=value` line per round and one per failing source."""

import logging
import re

import pytest

from tests.watch.factories import SourceFactory, rss_feed
from watch.collection.collect import run_round
from watch.collection.models import FetchRound, Source
from watch.collection.tasks import enqueue_due_sources


def fields(line: str) -> dict[str, str]:
    return dict(re.findall(r"(\w+)=(\S+)", line))


def messages(caplog, event: str) -> list[str]:
    return [
        record.getMessage()
        for record in caplog.records
        if record.name == "watch" and f"event={event} " in f"{record.getMessage()} "
    ]


@pytest.fixture
def two_good_one_broken(db, httpserver):
    for number in range(2):
        httpserver.expect_request(f"/flux-{number}.xml").respond_with_data(
            rss_feed(number, 3), content_type="application/rss+xml"
        )
    httpserver.expect_request("/disparu.xml").respond_with_data("absent", status=404)
    good = [
        SourceFactory(name=f"Bonne {number}", url=httpserver.url_for(f"/flux-{number}.xml"))
        for number in range(2)
    ]
    broken = SourceFactory(name="Disparue", url=httpserver.url_for("/disparu.xml"))
    return good, broken


def test_a_round_logs_one_line_with_its_counts(two_good_one_broken, caplog):
    caplog.set_level(logging.INFO, logger="watch")
    good, broken = two_good_one_broken
    run_round([*good, broken], threads=2, processes=1)

    rounds = messages(caplog, "round")
    assert len(rounds) == 1
    tally = fields(rounds[0])
    assert (tally["sources"], tally["ok"], tally["failed"], tally["new"]) == ("3", "2", "1", "6")
    assert float(tally["seconds"]) >= 0


def test_a_failing_source_logs_its_id_status_and_error(two_good_one_broken, caplog):
    caplog.set_level(logging.INFO, logger="watch")
    good, broken = two_good_one_broken
    run_round([broken], threads=1, processes=1)

    [failure] = messages(caplog, "fetch_failed")
    assert fields(failure)["source"] == str(broken.pk)
    assert fields(failure)["status"] == "404"
    assert "error=" in failure
    assert [r.levelname for r in caplog.records if "fetch_failed" in r.getMessage()] == ["WARNING"]


def test_a_scheduled_round_spread_over_tasks_logs_one_line_when_its_last_source_is_done(
    two_good_one_broken, caplog
):
    caplog.set_level(logging.INFO, logger="watch")
    assert enqueue_due_sources() == 3  # django-q2 runs the tasks at once in tests (sync)

    [line] = messages(caplog, "round")
    tally = fields(line)
    assert tally["round"] == str(FetchRound.objects.get().pk)
    assert (tally["sources"], tally["ok"], tally["failed"], tally["new"]) == ("3", "2", "1", "6")
    assert FetchRound.objects.get().finished_at is not None
    assert len(messages(caplog, "fetch_failed")) == 1


def test_no_round_is_recorded_when_no_source_is_due(db, caplog):
    caplog.set_level(logging.INFO, logger="watch")
    SourceFactory(active=False)
    assert enqueue_due_sources() == 0
    assert not FetchRound.objects.exists()
    assert not messages(caplog, "round")
    assert Source.objects.count() == 1


def test_round_tallies_older_than_a_month_are_pruned(two_good_one_broken):
    from datetime import timedelta

    from django.utils import timezone

    old = FetchRound.objects.create(sources=1)
    FetchRound.objects.filter(pk=old.pk).update(started_at=timezone.now() - timedelta(days=31))
    enqueue_due_sources()
    assert list(FetchRound.objects.values_list("sources", flat=True)) == [3]
