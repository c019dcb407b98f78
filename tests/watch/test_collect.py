"""Collecting a source over time: updates, editors' edits, rejected items, health, lock, backoff."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.watch.conftest import sample
from tests.watch.factories import SourceFactory
from watch.collection.collect import claim, collect_source, preview, release, run_round
from watch.collection.models import Item, Source

pytestmark = pytest.mark.django_db

ATOM = "feeds/appels-a-projets.atom"


def serve_atom(httpserver, body: bytes, **headers):
    httpserver.clear()
    httpserver.expect_request("/flux.atom").respond_with_data(
        body, content_type="application/atom+xml", headers=headers or None
    )
    return httpserver.url_for("/flux.atom")


def test_304_parses_nothing_and_keeps_items(httpserver):
    url = serve_atom(httpserver, sample(ATOM), ETag='"v1"')
    source = SourceFactory(url=url)
    collect_source(source)
    source.refresh_from_db()
    assert source.etag == '"v1"'
    httpserver.clear()
    httpserver.expect_request("/flux.atom", headers={"If-None-Match": '"v1"'}).respond_with_data(
        "", status=304
    )
    outcome = collect_source(source)
    assert outcome.ok and outcome.not_modified and outcome.new == 0
    assert source.items.count() == 5


def test_refetch_updates_changed_deadline_without_duplicating(httpserver):
    url = serve_atom(httpserver, sample(ATOM))
    source = SourceFactory(url=url)
    collect_source(source)
    changed = sample(ATOM).replace(b"31 janvier 2027", "14 février 2027".encode())
    serve_atom(httpserver, changed)
    outcome = collect_source(Source.objects.get(pk=source.pk))
    assert outcome.updated == 1 and outcome.new == 0
    item = source.items.get(title__contains="transition écologique")
    assert item.deadline.date().isoformat() == "2027-02-14"
    assert source.items.count() == 5


def test_refetch_never_overwrites_editor_edits(httpserver):
    url = serve_atom(httpserver, sample(ATOM))
    source = SourceFactory(url=url)
    collect_source(source)
    item = source.items.get(title__contains="transition écologique")
    item.editor_title = "Titre revu par la rédaction"
    item.editor_summary_html = "<p>Notre résumé.</p>"
    item.deadline = item.deadline + timedelta(days=3)
    item.deadline_locked = True
    item.save()
    edited_deadline = item.deadline
    changed = sample(ATOM).replace(b"30 000", b"40 000")
    serve_atom(httpserver, changed)
    collect_source(Source.objects.get(pk=source.pk))
    item.refresh_from_db()
    assert "40 000" in item.summary_html
    assert item.display_title == "Titre revu par la rédaction"
    assert item.display_summary_html == "<p>Notre résumé.</p>"
    assert item.deadline == edited_deadline


def test_refetch_never_resurrects_a_rejected_item(httpserver):
    url = serve_atom(httpserver, sample(ATOM))
    source = SourceFactory(url=url)
    collect_source(source)
    item = source.items.get(title__contains="Creative Europe")
    item.reject()
    item.save()
    serve_atom(httpserver, sample(ATOM).replace(b"Creative Europe", b"Europe Creative"))
    collect_source(Source.objects.get(pk=source.pk))
    item.refresh_from_db()
    assert item.status == Item.Status.REJECTED
    assert source.items.count() == 5


def test_same_item_in_two_sources_is_kept_once(httpserver):
    url = serve_atom(httpserver, sample(ATOM))
    first = SourceFactory(url=url)
    second = SourceFactory(url=url)
    collect_source(first)
    outcome = collect_source(second)
    assert outcome.new == 0
    assert Item.objects.count() == 5


def test_feed_reusing_one_guid_is_told_apart_by_url(httpserver):
    body = sample("feeds/residences-latin1.rss").replace(b"<item>", b"<item><guid>same</guid>")
    httpserver.expect_request("/r.rss").respond_with_data(body)
    source = SourceFactory(url=httpserver.url_for("/r.rss"))
    collect_source(source)
    assert source.items.count() == 2


def test_html_instead_of_a_feed_is_reported_as_not_a_feed(httpserver):
    httpserver.expect_request("/flux").respond_with_data(
        sample("pages/region-appels.html"), content_type="text/html"
    )
    source = SourceFactory(url=httpserver.url_for("/flux"))
    outcome = collect_source(source)
    source.refresh_from_db()
    assert not outcome.ok
    assert source.last_error.startswith("ce n’est pas un flux")
    assert source.items.count() == 0


def test_404_is_stored_in_words_and_backs_off(httpserver):
    httpserver.expect_request("/flux").respond_with_data("", status=404)
    source = SourceFactory(url=httpserver.url_for("/flux"), fetch_interval=60)
    collect_source(source)
    source.refresh_from_db()
    assert source.last_error.startswith("le serveur a répondu 404")
    assert source.last_status == 404 and source.consecutive_failures == 1
    first_delay = source.next_fetch_at - source.last_fetch_at
    collect_source(source)
    source.refresh_from_db()
    assert source.next_fetch_at - source.last_fetch_at == 2 * first_delay


def test_429_waits_at_least_retry_after(httpserver):
    httpserver.expect_request("/flux").respond_with_data(
        "", status=429, headers={"Retry-After": "86000"}
    )
    source = SourceFactory(url=httpserver.url_for("/flux"), fetch_interval=30)
    collect_source(source)
    source.refresh_from_db()
    assert source.next_fetch_at - source.last_fetch_at >= timedelta(seconds=86000)
    assert not source.is_paused


def test_410_pauses_the_source(httpserver):
    httpserver.expect_request("/flux").respond_with_data("", status=410)
    source = SourceFactory(url=httpserver.url_for("/flux"))
    outcome = collect_source(source)
    source.refresh_from_db()
    assert outcome.paused and source.is_paused and "410" in source.paused_reason


def test_source_failing_n_times_in_a_row_is_paused(httpserver, settings):
    settings.WATCH_MAX_FAILURES = 3
    httpserver.expect_request("/flux").respond_with_data("", status=500)
    source = SourceFactory(url=httpserver.url_for("/flux"))
    for _attempt in range(3):
        collect_source(source)
        source.refresh_from_db()
    assert source.is_paused and source.consecutive_failures == 3
    assert "3 échecs consécutifs" in source.paused_reason


def test_success_resets_the_failure_count(httpserver):
    url = serve_atom(httpserver, sample(ATOM))
    source = SourceFactory(url=url, consecutive_failures=2, last_error="ancien")
    collect_source(source)
    source.refresh_from_db()
    assert source.consecutive_failures == 0 and source.last_error == ""
    assert source.last_found == 5 and source.last_new == 5 and source.last_status == 200


def test_a_claimed_source_is_not_fetched_twice(httpserver):
    url = serve_atom(httpserver, sample(ATOM))
    source = SourceFactory(url=url)
    assert claim(source.pk)
    assert not claim(source.pk)
    outcome = collect_source(source)
    assert outcome.skipped and not httpserver.log
    release(source.pk)
    assert claim(source.pk)


def test_expired_lease_can_be_claimed_again():
    source = SourceFactory(locked_until=timezone.now() - timedelta(seconds=1))
    assert claim(source.pk)


def test_preview_shows_items_without_saving(httpserver):
    url = serve_atom(httpserver, sample(ATOM))
    source = SourceFactory(url=url)
    fetched, parsed = preview(source)
    assert fetched.status == 200 and len(parsed.records) == 5
    assert Item.objects.count() == 0
    source.refresh_from_db()
    assert source.last_fetch_at is None


def test_round_with_parsing_processes_collects_every_source(httpserver):
    sources = []
    for index, name in enumerate(
        ["feeds/appels-a-projets.atom", "feeds/residences-latin1.rss", "feeds/flux-casse.xml"]
    ):
        httpserver.expect_request(f"/s{index}").respond_with_data(sample(name))
        sources.append(SourceFactory(url=httpserver.url_for(f"/s{index}")))
    httpserver.expect_request("/dead").respond_with_data("", status=503)
    sources.append(SourceFactory(url=httpserver.url_for("/dead")))
    outcomes = run_round(sources, threads=4, processes=2)
    by_source = {outcome.source_id: outcome for outcome in outcomes}
    assert [by_source[source.pk].new for source in sources[:3]] == [5, 2, 2]
    assert not by_source[sources[3].pk].ok
    assert Source.objects.filter(locked_until__isnull=False).count() == 0


def test_slow_source_does_not_hold_up_the_others(httpserver, settings):
    import time as clock

    from pytest_httpserver import HTTPServer
    from werkzeug import Response

    settings.WATCH_FETCH_DEADLINE = 1.0

    def trickle(request):
        def body():
            for _index in range(4):
                clock.sleep(0.5)
                yield b" "

        return Response(body(), mimetype="application/xml")

    # Two servers: pytest-httpserver answers one request at a time.
    httpserver.expect_request("/slow").respond_with_handler(trickle)
    other = HTTPServer(host="127.0.0.1", port=0)
    other.start()
    try:
        other.expect_request("/good").respond_with_data(sample(ATOM))
        slow = SourceFactory(name="Lente", url=httpserver.url_for("/slow"))
        good = SourceFactory(name="Rapide", url=other.url_for("/good"))
        finished = []
        run_round([slow, good], threads=2, processes=1, on_done=lambda o: finished.append(o.name))
    finally:
        other.clear()
        other.stop()
    assert finished == ["Rapide", "Lente"]
    slow.refresh_from_db()
    assert "trop lent" in slow.last_error and good.items.count() == 5
