"""Commands, schedules, tasks and demo of the collection side."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django_q.models import Schedule

from demo import portals as demo_portals
from demo import watch as demo
from tests.watch.conftest import sample
from tests.watch.factories import SourceFactory
from watch.collection.models import CallsIndexPage, Item, NewsIndexPage, Source
from watch.collection.tasks import enqueue_due_sources

pytestmark = pytest.mark.django_db

EXPORT_FIELDS = {
    "source", "title", "url", "kind", "deadline", "permanent", "closed", "summary_html",
    "themes", "published", "status",
}  # fmt: skip


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_source_add_prints_the_new_id_and_keeps_selectors():
    output = run(
        "watch_source_add", "Région", "https://region.example.fr/appels", "--kind", "page",
        "--calls", "--items", "li.appel", "--link", ".appel__titre a", "--deadline",
        ".appel__cloture",
    )  # fmt: skip
    source = Source.objects.get(pk=int(output.strip()))
    assert source.kind == "page" and source.publishes == "calls"
    assert source.item_selector == "li.appel" and source.deadline_selector == ".appel__cloture"


def test_source_add_refuses_a_page_without_item_selector():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--items"):
        run("watch_source_add", "Région", "https://region.example.fr/", "--kind", "page")


def test_fetch_command_prints_a_per_source_summary(httpserver):
    httpserver.expect_request("/a.atom").respond_with_data(sample("feeds/appels-a-projets.atom"))
    httpserver.expect_request("/gone").respond_with_data("", status=410)
    good = SourceFactory(name="Bonne source", url=httpserver.url_for("/a.atom"))
    bad = SourceFactory(name="Source disparue", url=httpserver.url_for("/gone"))
    output = run("watch_fetch", "--source", str(good.pk), str(bad.pk), "--processes", "1")
    assert "2/2" in output
    assert f"#{good.pk} Bonne source : 5 trouvés, 5 nouveaux, 0 mis à jour" in output
    assert f"#{bad.pk} Source disparue : échec : le serveur a répondu 410" in output
    assert "2 sources : 5 nouveaux éléments, 0 mis à jour, 1 échec." in output


def test_fetch_all_skips_paused_sources(httpserver):
    httpserver.expect_request("/a.atom").respond_with_data(sample("feeds/appels-a-projets.atom"))
    SourceFactory(url=httpserver.url_for("/a.atom"))
    SourceFactory(url=httpserver.url_for("/never"), paused_at="2026-11-01T00:00:00Z")
    output = run("watch_fetch", "--all", "--processes", "1")
    assert "1 source : " in output


def test_export_writes_one_json_object_per_item_with_the_listed_fields(httpserver, frozen_now):
    httpserver.expect_request("/a.atom").respond_with_data(sample("feeds/appels-a-projets.atom"))
    source = SourceFactory(name="Observatoire", url=httpserver.url_for("/a.atom"))
    run("watch_fetch", "--source", str(source.pk), "--processes", "1")
    lines = run("watch_export").strip().splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == 5
    assert all(set(record) == EXPORT_FIELDS for record in records)
    by_deadline = {record["deadline"]: record for record in records}
    assert by_deadline["2026-09-15"]["closed"] is True
    assert by_deadline[None]["permanent"] is True and by_deadline[None]["closed"] is False
    assert by_deadline["2027-03-05"]["kind"] == "call"
    assert by_deadline["2027-03-05"]["source"] == "Observatoire"
    assert by_deadline["2027-03-05"]["status"] == "new"


def test_scheduled_task_fetches_due_sources_one_task_each(httpserver):
    httpserver.expect_request("/p.html").respond_with_data(
        sample("pages/region-appels.html"), content_type="text/html"
    )
    source = SourceFactory(url=httpserver.url_for("/p.html"), kind="page", **demo.REGION_SELECTORS)
    SourceFactory(url=httpserver.url_for("/off"), active=False)
    assert enqueue_due_sources() == 1
    assert source.items.count() == 5
    source.refresh_from_db()
    assert source.next_fetch_at > source.last_fetch_at
    assert enqueue_due_sources() == 0  # not due again before its interval


def test_setup_schedules_creates_the_collection_schedule_once():
    run("setup_schedules")
    run("setup_schedules")
    schedule = Schedule.objects.get(func="watch.collection.tasks.enqueue_due_sources")
    assert schedule.repeats == -1 and schedule.minutes == 5


def load_watch_demo() -> None:
    demo.load(StringIO())
    demo_portals.load(StringIO())


def test_demo_loads_items_from_bundled_files_and_is_idempotent(home):
    load_watch_demo()
    counts = (Source.objects.count(), Item.objects.count())
    load_watch_demo()
    assert (Source.objects.count(), Item.objects.count()) == counts
    assert counts[0] == 9  # six feeds and pages; a European, an Aides-territoires, a relay source
    assert Item.objects.filter(facts__portal="eu-funding", status=Item.Status.ACCEPTED).exists()
    assert Item.objects.filter(status=Item.Status.ACCEPTED, kind="call").count() >= 10
    assert Item.objects.filter(status=Item.Status.NEW).exists()
    assert CallsIndexPage.objects.live().count() == 1 and NewsIndexPage.objects.live().count() == 1
    assert not Source.objects.filter(active=True).exists()
