"""`manage.py serve` (make demo): Ctrl-C or SIGTERM stops the web server and the workers, fast."""

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
STOP_WITHIN_SECONDS = 5


def database_url(tmp_path: Path) -> str:
    """The test database as a URL the child processes can open (SQLite: a copy in a file)."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        path = tmp_path / "serve.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        target.close()
        return f"sqlite:///{path}"
    user = settings["USER"] or "postgres"
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    host = settings["HOST"] or "127.0.0.1"
    return f"postgres://{user}{password}@{host}:{settings['PORT'] or 5432}/{settings['NAME']}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def parents() -> dict[int, int]:
    """pid → parent pid of every process, read from /proc."""
    table = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            table[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    return table


def descendants(pid: int) -> set[int]:
    table, found, frontier = parents(), set(), {pid}
    while frontier:
        frontier = {child for child, parent in table.items() if parent in frontier} - found
        found |= frontier
    return found


def still_there(pids: set[int]) -> set[int]:
    """The pids that still exist, zombies included (a zombie is a process nobody reaped)."""
    return {pid for pid in pids if Path(f"/proc/{pid}").exists()}


def wait_for_http(url: str, process: subprocess.Popen, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, "serve stopped before answering"
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    pytest.fail(f"{url} never answered 200")


@pytest.mark.skipif(not Path("/proc").exists(), reason="reads the process table from /proc")
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("how", ["sigterm", "ctrl_c"])
def test_serve_stops_web_server_and_workers_within_five_seconds(how, tmp_path):
    port = free_port()
    env = {key: value for key, value in os.environ.items() if key not in {"REDIS_URL", "EMAIL_URL"}}
    env.update(
        DJANGO_SETTINGS_MODULE="hub.settings.base",
        DATABASE_URL=database_url(tmp_path),
        EMAIL_URL="memory://",
        Q_CLUSTER_NAME=f"serve-{uuid.uuid4().hex[:8]}",
        Q_WORKERS="2",
        SITE_URL=f"http://127.0.0.1:{port}",
    )
    with (tmp_path / "serve.log").open("wb") as log:
        # A session of its own, as a terminal gives one: Ctrl-C signals its whole group.
        serve = subprocess.Popen(  # noqa: S603 - our own manage.py with fixed arguments
            [sys.executable, "manage.py", "serve", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    children: set[int] = set()
    try:
        wait_for_http(f"http://127.0.0.1:{port}/admin/login/", serve, seconds=180)
        # The cluster is up once its Sentinel has started its workers.
        deadline = time.monotonic() + 60
        while len(descendants(serve.pid)) < 5 and time.monotonic() < deadline:
            time.sleep(0.5)
        children = descendants(serve.pid)
        assert len(children) >= 5, "web server, qcluster, its Sentinel and workers"

        started = time.monotonic()
        if how == "sigterm":
            serve.send_signal(signal.SIGTERM)
        else:
            os.killpg(serve.pid, signal.SIGINT)  # what the terminal does on Ctrl-C
        while still_there(children) and time.monotonic() - started < STOP_WITHIN_SECONDS:
            time.sleep(0.1)
        assert not still_there(children), (tmp_path / "serve.log").read_text()
        # serve itself ends too (its parent, here the test, reaps it: no zombie); the
        # interpreter's own teardown may take a few seconds on a busy machine.
        assert serve.wait(timeout=30) == 0
    finally:
        if serve.poll() is None:
            os.killpg(serve.pid, signal.SIGKILL)
            serve.wait()
        for pid in still_there(children):
            os.kill(pid, signal.SIGKILL)
