"""Exactly once: a send run twice, two senders at once, a worker killed mid-batch."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from django.db import connection

from tests.watch.mailing.factories import AcceptedItemFactory, DigestFactory, SubscriberFactory
from watch.mailing import sending as mailing
from watch.mailing.models import Digest, DigestEntry, OutboxMessage

ROOT = Path(__file__).resolve().parents[3]


def digest_for(count: int) -> Digest:
    SubscriberFactory.create_batch(count)
    digest = DigestFactory()
    DigestEntry.objects.create(digest=digest, section="news", item=AcceptedItemFactory())
    return digest


def recipients(sink) -> Counter:
    return Counter(str(message["To"]) for message in sink.messages)


@pytest.mark.django_db
def test_sending_twice_gives_each_subscriber_one_message(smtp_sink, home):
    digest = digest_for(12)
    mailing.enqueue(digest)
    mailing.enqueue(digest)  # a double click, a retried task
    assert digest.outbox.count() == 12
    mailing.send_digest(digest.pk, batch_size=5)
    mailing.send_digest(digest.pk, batch_size=5)

    counts = recipients(smtp_sink)
    assert len(counts) == 12 and set(counts.values()) == {1}
    digest.refresh_from_db()
    assert digest.status == Digest.Status.SENT


@pytest.mark.django_db
def test_two_workers_never_claim_the_same_message(smtp_sink, home):
    digest = digest_for(10)
    mailing.enqueue(digest)
    token_a, rows_a = mailing.claim_batch(digest.pk, 6)
    token_b, rows_b = mailing.claim_batch(digest.pk, 6)
    assert len(rows_a) == 6 and len(rows_b) == 4
    assert not {row.pk for row in rows_a} & {row.pk for row in rows_b}
    assert mailing.claim_batch(digest.pk, 6)[1] == []  # everything is claimed, within the lease


@pytest.mark.django_db
def test_rows_of_a_dead_worker_are_taken_over_after_the_lease(smtp_sink, home):
    from datetime import timedelta

    digest = digest_for(3)
    mailing.enqueue(digest)
    _token, rows = mailing.claim_batch(digest.pk, 3)  # then the worker "dies"
    assert len(rows) == 3
    assert mailing.send_digest(digest.pk).sent == 0  # leased: nobody else touches them
    report = mailing.send_digest(digest.pk, reclaim_after=timedelta(seconds=0))
    assert report.sent == 3
    assert set(recipients(smtp_sink).values()) == {1}


def committed_site(slug: str) -> None:
    """A home page and site in a transactional test (an earlier one may have flushed the tree)."""
    from django.conf import settings
    from wagtail.models import Locale, Page, Site

    from hub.models import HomePage

    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    home = root.add_child(instance=HomePage(title="Accueil", slug=slug))
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", root_page=home, is_default_site=True)


def child_database_url(tmp_path) -> str:
    """A database URL a separate process can open, holding this test's data."""
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        user = settings["USER"] or "postgres"
        password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
        host = settings["HOST"] or "127.0.0.1"
        port = settings["PORT"] or 5432
        return f"postgres://{user}{password}@{host}:{port}/{settings['NAME']}"
    if connection.vendor == "sqlite":
        # The test database lives in memory: copy it to a file the child can open.
        path = tmp_path / "child.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        target.close()
        return f"sqlite:///{path}"
    pytest.skip(f"no child-process database for {connection.vendor}")


def child_env(database_url: str, sink) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hub.settings.test",
        "DATABASE_URL": database_url,
        "EMAIL_URL": f"smtp://{sink.host}:{sink.port}",
    }


def run_send(database_url: str, sink, digest_id: int, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", "digest_send", str(digest_id), "--batch-size", "10", *extra],
        cwd=ROOT,
        env=child_env(database_url, sink),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def outbox_rows(database_url: str, digest: Digest) -> list[tuple[str, str]]:
    """(status, Message-ID) of each outbox row, as the child process left them."""
    if database_url.startswith("sqlite"):
        table = OutboxMessage._meta.db_table
        status, message_id = (
            OutboxMessage._meta.get_field(name).column for name in ("status", "message_id")
        )
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as database:
            return database.execute(
                f"select {status}, {message_id} from {table}"  # noqa: S608 - names from the model
            ).fetchall()
    return list(digest.outbox.values_list("status", "message_id"))


@pytest.mark.django_db(transaction=True)
def test_worker_killed_mid_batch_then_rerun_sends_everyone_exactly_once(holding_sink, tmp_path):
    committed_site("accueil-envoi")
    digest = digest_for(30)
    database_url = child_database_url(tmp_path)
    holder = holding_sink.hold_after(15)
    holding_sink.start()

    worker = run_send(database_url, holding_sink, digest.pk)
    assert holder.holding.wait(120), worker.communicate()
    worker.send_signal(signal.SIGKILL)  # really killed, waiting for the 16th answer
    worker.wait(30)
    assert worker.returncode == -signal.SIGKILL
    assert len(holding_sink.messages) == 15
    holder.released.set()

    # The re-run takes over the dead worker's claim at once (nobody else is sending).
    rerun = run_send(database_url, holding_sink, digest.pk, "--lease", "0")
    output, errors = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, errors.decode()
    assert "Lettre envoyée" in output.decode()

    counts = recipients(holding_sink)
    assert len(counts) == 30
    assert set(counts.values()) == {1}
    assert Counter(status for status, _id in outbox_rows(database_url, digest)) == {
        OutboxMessage.Status.SENT: 30
    }


# A worker that dies right after the server accepted its first message, before marking it sent.
KILLED_WHILE_MARKING = """
import os, signal, sys
import django
django.setup()
from django.core.management import call_command
from watch.mailing import sending
sending.mark_sent = lambda *args, **kwargs: os.kill(os.getpid(), signal.SIGKILL)
call_command("digest_send", sys.argv[1], "--batch-size", "10")
"""


@pytest.mark.django_db(transaction=True)
def test_message_accepted_before_the_worker_died_is_not_sent_again(smtp_sink, tmp_path):
    committed_site("accueil-acceptation")
    digest = digest_for(3)
    database_url = child_database_url(tmp_path)
    worker = subprocess.run(  # noqa: S603 - our own code with fixed arguments
        [sys.executable, "-c", KILLED_WHILE_MARKING, str(digest.pk)],
        cwd=ROOT,
        env=child_env(database_url, smtp_sink),
        capture_output=True,
        timeout=120,
    )
    assert worker.returncode == -signal.SIGKILL, worker.stderr.decode()
    [accepted] = smtp_sink.messages  # the server took it, the row was still claimed

    rerun = run_send(database_url, smtp_sink, digest.pk, "--lease", "0")
    _output, errors = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, errors.decode()

    counts = recipients(smtp_sink)
    assert len(counts) == 3 and set(counts.values()) == {1}
    rows = outbox_rows(database_url, digest)
    assert {status for status, _id in rows} == {OutboxMessage.Status.SENT}
    # Every message went out under the Message-ID its row carried from the start.
    assert {message["Message-ID"] for message in smtp_sink.messages} == {
        message_id for _status, message_id in rows
    }
    assert accepted["Message-ID"] in {message_id for _status, message_id in rows}


def isolated_redis_url() -> str:
    """The CI's Redis, on a database of its own so no other test's cluster takes our tasks."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(os.environ["REDIS_URL"])
    return urlunsplit(parts._replace(path="/14"))


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_two_qcluster_workers_on_redis_send_one_digest_exactly_once(smtp_sink, tmp_path):
    import redis

    committed_site("accueil-workers")
    digest = digest_for(60)
    redis_url = isolated_redis_url()
    redis.Redis.from_url(redis_url).flushdb()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hub.settings.base",
        "DATABASE_URL": child_database_url(tmp_path),
        "REDIS_URL": redis_url,
        "EMAIL_URL": f"smtp://{smtp_sink.host}:{smtp_sink.port}",
        "PASSERELLES_VAR_DIR": str(tmp_path),
        "Q_WORKERS": "1",
        "LOG_LEVEL": "WARNING",
    }
    clusters = [
        subprocess.Popen(  # noqa: S603 - our own manage.py
            [sys.executable, "manage.py", "qcluster"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _cluster in range(2)
    ]
    try:
        enqueue = subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", "digest_send", str(digest.pk), "--queue", "4"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            timeout=120,
        )
        assert enqueue.returncode == 0, enqueue.stderr.decode()
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            digest.refresh_from_db()
            if digest.status == Digest.Status.SENT:
                break
            time.sleep(0.5)
    finally:
        for cluster in clusters:
            cluster.send_signal(signal.SIGTERM)
        for cluster in clusters:
            try:
                cluster.wait(30)
            except subprocess.TimeoutExpired:
                cluster.kill()
    assert digest.status == Digest.Status.SENT
    counts = recipients(smtp_sink)
    assert len(counts) == 60 and set(counts.values()) == {1}
