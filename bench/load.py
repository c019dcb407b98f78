"""Load benchmark: gunicorn on 127.0.0.1 under 50 concurrent connections, page cache on and off.

Builds a throw-away database with the demo content (SQLite file, or PostgreSQL when DATABASE_URL
names one: a database with a `_bench_load` suffix is created and dropped), starts gunicorn twice
(PAGE_CACHE_SECONDS=300, then 0) and drives it with an asyncio HTTP/1.1 keep-alive client over
the home page, the resource index with filters, an event page and a search.

    .venv/bin/python bench/load.py                   # 60 s per phase, 50 connections
    .venv/bin/python bench/load.py --seconds 10      # quicker look

Last line: RESULT load rps_cached=<x> rps_uncached=<x> p95_ms=<x> errors=<n>
(p95_ms is the uncached p95, the one visitors feel on a cold cache.)
"""

import argparse
import asyncio
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def throwaway_database(workdir: Path) -> tuple[str, callable]:
    """A database URL for this run, and a function that drops it afterwards."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return f"sqlite:///{workdir / 'load.sqlite3'}", lambda: None
    import psycopg

    parts = urlsplit(url)
    name = (parts.path.lstrip("/") or "passerelles") + "_bench_load"
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return parts._replace(path=f"/{name}").geturl(), drop


def manage(env: dict, *args: str) -> str:
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


PATHS_SCRIPT = """
import django; django.setup()
from django.apps import apps
from wagtail.models import Page
from hub.models import Theme
paths = ["/"]
def first_url(label):
    try:
        model = apps.get_model(label)
    except LookupError:
        return None
    page = model.objects.live().public().order_by("-pk").first()
    return page.url if page else None
theme = Theme.objects.order_by("pk").first()
index = first_url("resources.ResourceIndexPage")
if index:
    paths.append(f"{index}?theme={theme.slug if theme else ''}&type=guide")
event = first_url("events.EventPage")
if event:
    paths.append(event)
paths.append("/recherche/?q=transition")
print("\\n".join(paths))
"""


def discover_paths(env: dict) -> list[str]:
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", PATHS_SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        sys.exit(result.stderr)
    return [line for line in result.stdout.splitlines() if line.startswith("/")]


class Stats:
    def __init__(self):
        self.latencies: list[float] = []
        self.errors = 0
        self.statuses: dict[int, int] = {}


async def read_response(reader) -> int:
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("closed")
    status = int(status_line.split()[1])
    length = None
    close = False
    chunked = False
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b"\n", b""):
            break
        name, _, value = line.decode("latin-1").partition(":")
        name = name.strip().lower()
        if name == "content-length":
            length = int(value)
        elif name == "connection" and "close" in value.lower():
            close = True
        elif name == "transfer-encoding" and "chunked" in value.lower():
            chunked = True
    if chunked:
        while True:
            size = int((await reader.readline()).strip(), 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    elif length is not None:
        await reader.readexactly(length)
    else:
        await reader.read()
        close = True
    return status, close


async def connection_loop(port: int, paths: list[str], deadline: float, stats: Stats, offset: int):
    reader = writer = None
    index = offset
    while time.perf_counter() < deadline:
        path = paths[index % len(paths)]
        index += 1
        started = time.perf_counter()
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(
                f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: passerelles-bench\r\n"
                "Accept: text/html\r\n\r\n".encode()
            )
            await writer.drain()
            status, close = await asyncio.wait_for(read_response(reader), timeout=30)
            stats.statuses[status] = stats.statuses.get(status, 0) + 1
            if status >= 400:
                stats.errors += 1
            else:
                stats.latencies.append(time.perf_counter() - started)
            if close:
                writer.close()
                writer = None
        except (TimeoutError, ConnectionError, asyncio.IncompleteReadError, OSError):
            stats.errors += 1
            if writer is not None:
                writer.close()
            writer = None
    if writer is not None:
        writer.close()


async def drive(port: int, paths: list[str], seconds: float, connections: int) -> Stats:
    stats = Stats()
    deadline = time.perf_counter() + seconds
    await asyncio.gather(
        *(connection_loop(port, paths, deadline, stats, n) for n in range(connections))
    )
    return stats


def wait_for_port(port: int, timeout: float = 30) -> None:
    limit = time.monotonic() + timeout
    while time.monotonic() < limit:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    sys.exit(f"gunicorn did not listen on {port}")


def run_phase(env: dict, paths: list[str], cache_seconds: int, args) -> tuple[float, float, int]:
    port = free_port()
    phase_env = {**env, "PAGE_CACHE_SECONDS": str(cache_seconds)}
    server = subprocess.Popen(  # noqa: S603
        [
            sys.executable, "-m", "gunicorn", "hub.wsgi:application",
            "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers),
            "--worker-class", "gthread", "--threads", "4", "--keep-alive", "5",
            "--log-level", "warning",
        ],
        cwd=ROOT, env=phase_env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        wait_for_port(port)
        asyncio.run(drive(port, paths, 2, 4))  # warm-up: imports, caches, first renders
        stats = asyncio.run(drive(port, paths, args.seconds, args.connections))
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    latencies = sorted(stats.latencies)
    rps = len(latencies) / args.seconds
    p95 = latencies[int(len(latencies) * 0.95) - 1] * 1000 if latencies else float("nan")
    label = "cache on " if cache_seconds else "cache off"
    p50 = latencies[len(latencies) // 2] * 1000 if latencies else float("nan")
    print(
        f"{label}: {rps:8.1f} req/s  p50={p50:.1f} ms  p95={p95:.1f} ms"
        f"  errors={stats.errors}  statuses={stats.statuses}"
    )
    return rps, p95, stats.errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="passerelles-load-") as tmp:
        workdir = Path(tmp)
        database_url, drop = throwaway_database(workdir)
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "hub.settings.production",
            "SECRET_KEY": "bench-only-" + "x" * 50,
            "DATABASE_URL": database_url,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SITE_URL": "http://127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
            "PASSERELLES_VAR_DIR": str(workdir / "var"),
            "EMAIL_URL": "dummy://",
            "LOG_LEVEL": "WARNING",
        }
        try:
            print(f"database: {database_url.split('@')[-1]}")
            manage(env, "migrate", "--no-input")
            manage(env, "collectstatic", "--no-input")
            manage(env, "load_demo", "--no-user")
            paths = discover_paths(env)
            print("paths:", ", ".join(paths))
            rps_cached, _p95_cached, errors_cached = run_phase(env, paths, 300, args)
            rps_uncached, p95_uncached, errors_uncached = run_phase(env, paths, 0, args)
        finally:
            drop()
    print(f"cache speed-up: {rps_cached / rps_uncached:.1f}x" if rps_uncached else "")
    print(
        f"RESULT load rps_cached={rps_cached:.1f} rps_uncached={rps_uncached:.1f} "
        f"p95_ms={p95_uncached:.1f} errors={errors_cached + errors_uncached}"
    )


if __name__ == "__main__":
    main()
