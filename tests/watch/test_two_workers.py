"""Two real `qcluster` on Redis and PostgreSQL: a scheduled round fetches each source once.

The round starts the way production starts it: a django-q2 schedule of
`watch.collection.tasks.enqueue_due_sources`, seen by the schedulers of both clusters, which
enqueues one task per due source on the shared Redis list. The per-source lease (one
conditional UPDATE) and the schedule's row lock keep the two clusters from doing anything twice.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone
from django_q.models import Schedule

from tests.watch.factories import SourceFactory, rss_feed
from watch.collection.models import FetchRound, Item, Source

ROOT = Path(__file__).resolve().parents[2]
SOURCES = 8
ITEMS_PER_SOURCE = 3


def database_url() -> str:
    """The test database (its real name: `test_…`) as a URL the clusters can open."""
    settings = connection.settings_dict
    user = settings["USER"] or "postgres"
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    host = settings["HOST"] or "127.0.0.1"
    port = settings["PORT"] or 5432
    return f"postgres://{user}{password}@{host}:{port}/{settings['NAME']}"


def start_cluster(env: dict, log: Path) -> subprocess.Popen:
    with log.open("wb") as output:
        return subprocess.Popen(  # noqa: S603 - our own manage.py with fixed arguments
            [sys.executable, "manage.py", "qcluster"],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )


def stop(clusters: list[subprocess.Popen]) -> None:
    for cluster in clusters:
        if cluster.poll() is None:
            cluster.send_signal(signal.SIGTERM)
    for cluster in clusters:
        try:
            cluster.wait(30)
        except subprocess.TimeoutExpired:
            cluster.kill()
            cluster.wait(10)


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_two_clusters_fetch_each_due_source_exactly_once(httpserver, tmp_path):
    paths = [f"/flux-{number}.xml" for number in range(SOURCES)]
    for number, path in enumerate(paths):
        httpserver.expect_request(path).respond_with_data(
            rss_feed(number, ITEMS_PER_SOURCE), content_type="application/rss+xml"
        )
    sources = [
        SourceFactory(name=f"Source {number}", url=httpserver.url_for(path))
        for number, path in enumerate(paths)
    ]
    # Due now for both clusters' schedulers (each checks its schedules about every 30 s). Two
    # schedules make two overlapping rounds: every source is queued twice, as with a backlog.
    for name in ("Veille : collecter les sources à échéance", "Veille : tournée en retard"):
        Schedule.objects.create(
            name=name,
            func="watch.collection.tasks.enqueue_due_sources",
            schedule_type=Schedule.MINUTES,
            minutes=5,
            repeats=-1,
            next_run=timezone.now() - timedelta(minutes=1),
        )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hub.settings.base",
        "DEBUG": "false",
        "DATABASE_URL": database_url(),
        "REDIS_URL": os.environ["REDIS_URL"],
        # A list of our own on the shared Redis: parallel runs never take each other's tasks.
        "Q_CLUSTER_NAME": f"passerelles-test-{uuid.uuid4().hex[:12]}",
        "Q_WORKERS": "2",
        "Q_TIMEOUT": "30",
        "Q_RETRY": "45",
        "WATCH_ALLOWED_NETWORKS": "127.0.0.0/8,::1/128",
        "WATCH_PARSE_PROCESSES": "1",
        "PASSERELLES_VAR_DIR": str(tmp_path),
        "LOG_LEVEL": "INFO",
    }
    logs = [tmp_path / f"cluster-{number}.log" for number in range(2)]
    clusters = [start_cluster(env, log) for log in logs]
    try:
        deadline = time.monotonic() + 150
        while time.monotonic() < deadline:
            fetched = Source.objects.filter(last_fetch_at__isnull=False).count()
            unfinished = FetchRound.objects.filter(finished_at__isnull=True).exists()
            if fetched == SOURCES and FetchRound.objects.count() == 2 and not unfinished:
                break
            assert all(cluster.poll() is None for cluster in clusters), [
                log.read_text() for log in logs
            ]
            time.sleep(0.5)
        time.sleep(2)  # room for a duplicate fetch to show up, if there were one
    finally:
        stop(clusters)
    output = "\n".join(log.read_text() for log in logs)

    requests = Counter(request.path for request, _response in httpserver.log)
    assert requests == dict.fromkeys(paths, 1), output
    assert Source.objects.filter(last_success_at__isnull=False).count() == SOURCES, output
    for source in sources:
        assert source.items.count() == ITEMS_PER_SOURCE
    assert Item.objects.values("canonical_url").distinct().count() == SOURCES * ITEMS_PER_SOURCE
    # Each schedule ran once although two schedulers saw it; the rounds, tallied across the
    # clusters, add up to one fetch per source, and each logged exactly one line.
    tallies = list(FetchRound.objects.all())
    assert len(tallies) == 2
    assert sum(tally.ok for tally in tallies) == SOURCES
    assert sum(tally.failed for tally in tallies) == 0
    assert sum(tally.new for tally in tallies) == SOURCES * ITEMS_PER_SOURCE
    assert all(tally.ok + tally.skipped == tally.sources for tally in tallies)
    round_lines = [line for line in output.splitlines() if "event=round " in line]
    assert len(round_lines) == 2, output
