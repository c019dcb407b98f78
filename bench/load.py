"""Load benchmark: gunicorn on 127.0.0.1, page cache on and off, and a logged-in member.

Builds a throw-away database with the demo content (SQLite file, or PostgreSQL when DATABASE_URL
names one: a database with a `_bench_load` suffix is created and dropped), starts gunicorn
(gunicorn.conf.py: 2 workers × 4 threads) and drives it with an asyncio HTTP/1.1 keep-alive client:
1. anonymous, page cache on, over the home page, the resource index with filters, an event page
   and a search; 2. the same with the page cache off; 3. the demo member (logged in through the
   real login form: every request carries the session cookie, so the page cache is bypassed) over
   what a member uses: home, a resource, the agenda, an event page with its form, the members'
   space, a workspace and a thread. Phases 1-2 use --connections, phase 3 --member-connections.

    .venv/bin/python bench/load.py                   # 60 s per phase
    .venv/bin/python bench/load.py --seconds 15      # quicker look

Each phase prints its rate, p50, p95 and the machine's load average (shared machines skew it).
Last line: RESULT load rps_cached=<x> rps_uncached=<x> rps_member=<x> p95_member_ms=<x> errors=<n>
(goal on the 2-core machine: p95_member_ms < 300 at 20 member connections, errors=0).
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
from urllib.parse import urlencode, urlsplit

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
from demo.members import DEMO_EMAIL, DEMO_PASSWORD
from members.models import Thread
print("login", DEMO_EMAIL, DEMO_PASSWORD)
member = ["/"]
for label in ("resources.GuidePage", "events.AgendaPage"):
    member.append(first_url(label))
event = (
    apps.get_model("events.EventPage").objects.live().public().upcoming().order_by("pk").first()
)
member.append(event.url if event else None)
member.append("/espace-membres/")
thread = (
    Thread.objects.filter(workspace__memberships__user__username=DEMO_EMAIL).order_by("pk").first()
)
if thread:
    member.append(f"/espace-membres/espaces/{thread.workspace.slug}/")
    member.append(f"/espace-membres/espaces/{thread.workspace.slug}/discussions/{thread.pk}/")
print("\\n".join("member " + path for path in member if path))
"""


def discover_paths(env: dict) -> tuple[list[str], list[str], tuple[str, str]]:
    """The anonymous visitor's paths, the member's, and the member's e-mail and password."""
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", PATHS_SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        sys.exit(result.stderr)
    lines = result.stdout.splitlines()
    member = [line.removeprefix("member ") for line in lines if line.startswith("member /")]
    login = next(line.split()[1:] for line in lines if line.startswith("login "))
    return [line for line in lines if line.startswith("/")], member, tuple(login)


def member_cookie(port: int, email: str, password: str) -> str:
    """Log the demo member in through the login form; the Cookie header of its session."""
    import http.client
    import re
    from http.cookies import SimpleCookie

    def cookies_of(response) -> dict:
        jar = SimpleCookie()
        for header in response.headers.get_all("Set-Cookie") or []:
            jar.load(header)
        return {name: morsel.value for name, morsel in jar.items()}

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/compte/connexion/", headers={"Host": "127.0.0.1"})
    response = connection.getresponse()
    form = response.read().decode()
    cookies = cookies_of(response)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    body = urlencode({"csrfmiddlewaretoken": token, "login": email, "password": password})
    connection.request(
        "POST",
        "/compte/connexion/",
        body=body,
        headers={
            "Host": "127.0.0.1",
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": "; ".join(f"{name}={value}" for name, value in cookies.items()),
        },
    )
    response = connection.getresponse()
    response.read()
    cookies.update(cookies_of(response))
    if response.status != 302 or "sessionid" not in cookies:
        sys.exit(f"logging the demo member in failed: HTTP {response.status}")
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


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


async def connection_loop(
    port: int, paths: list[str], deadline: float, stats: Stats, offset: int, cookie: str
):
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
                f"Accept: text/html\r\n{cookie}\r\n".encode()
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


async def drive(
    port: int, paths: list[str], seconds: float, connections: int, cookie: str = ""
) -> Stats:
    stats = Stats()
    deadline = time.perf_counter() + seconds
    header = f"Cookie: {cookie}\r\n" if cookie else ""
    await asyncio.gather(
        *(connection_loop(port, paths, deadline, stats, n, header) for n in range(connections))
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


def start_server(env: dict, cache_seconds: int, args) -> tuple[subprocess.Popen, int]:
    port = free_port()
    server = subprocess.Popen(  # noqa: S603
        [
            sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py",
            "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers),
            # No recycling during a measure: a recycled worker drops its keep-alive connections.
            "--max-requests", "0", "--log-level", "warning",
        ],
        cwd=ROOT, env={**env, "PAGE_CACHE_SECONDS": str(cache_seconds)},
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    wait_for_port(port)
    wait_until_serving(port)
    return server, port


def wait_until_serving(port: int, timeout: float = 300) -> None:
    """Until a worker answers: gunicorn listens before its workers have loaded Django, which
    takes more than the client's timeout on a loaded machine."""
    import http.client

    limit = time.monotonic() + timeout
    while time.monotonic() < limit:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            connection.request("GET", "/", headers={"Host": "127.0.0.1"})
            if connection.getresponse().status < 500:
                return
        except OSError:
            pass
        time.sleep(1)
    sys.exit(f"gunicorn on {port} did not answer within {timeout:.0f} s")


def run_phase(label: str, port: int, paths: list[str], connections: int, args, cookie=""):
    asyncio.run(drive(port, paths, 2, 4, cookie))  # warm-up: imports, caches, first renders
    stats = asyncio.run(drive(port, paths, args.seconds, connections, cookie))
    latencies = sorted(stats.latencies)
    rps = len(latencies) / args.seconds
    p95 = latencies[int(len(latencies) * 0.95) - 1] * 1000 if latencies else float("nan")
    p50 = latencies[len(latencies) // 2] * 1000 if latencies else float("nan")
    print(
        f"{label:9s}: {rps:8.1f} req/s  p50={p50:.1f} ms  p95={p95:.1f} ms  ({connections}"
        f" connections)  errors={stats.errors}  statuses={stats.statuses}  load={load_average()}"
    )
    return rps, p95, stats.errors


def load_average() -> str:
    """The machine's 1-minute load average: the figures mean little when others share the CPU."""
    return f"{os.getloadavg()[0]:.1f}"


def stop(server: subprocess.Popen) -> None:
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--member-connections", type=int, default=20)
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
            # On, as in production (where REDIS_URL turns it on): nothing is published during
            # the run, so per-process caches cannot go stale here.
            "FRAGMENT_CACHE_SECONDS": os.environ.get("FRAGMENT_CACHE_SECONDS", "3600"),
        }
        try:
            print(f"database: {database_url.split('@')[-1]}")
            manage(env, "migrate", "--no-input")
            manage(env, "collectstatic", "--no-input")
            manage(env, "load_demo", "--no-user")
            paths, member_paths, login = discover_paths(env)
            print("paths:", ", ".join(paths))
            print("member paths:", ", ".join(member_paths))
            # Production runs with the page cache on; the member's session cookie bypasses it.
            server, port = start_server(env, 300, args)
            try:
                rps_cached, _p95, errors_cached = run_phase(
                    "cache on", port, paths, args.connections, args
                )
                rps_member, p95_member, errors_member = run_phase(
                    "member", port, member_paths, args.member_connections, args,
                    member_cookie(port, *login),
                )  # fmt: skip
            finally:
                stop(server)
            server, port = start_server(env, 0, args)
            try:
                rps_uncached, _p95, errors_uncached = run_phase(
                    "cache off", port, paths, args.connections, args
                )
            finally:
                stop(server)
        finally:
            drop()
    print(f"cache speed-up: {rps_cached / rps_uncached:.1f}x" if rps_uncached else "")
    errors = errors_cached + errors_uncached + errors_member
    print(
        f"RESULT load rps_cached={rps_cached:.1f} rps_uncached={rps_uncached:.1f} "
        f"rps_member={rps_member:.1f} p95_member_ms={p95_member:.1f} errors={errors}"
    )


if __name__ == "__main__":
    main()
