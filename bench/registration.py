"""Benchmark: registrations per second through gunicorn, 8 concurrent clients, seats kept exact.

Builds a throw-away database (SQLite file, or on PostgreSQL a `<name>_bench_registration`
database next to the one DATABASE_URL names, dropped afterwards), starts gunicorn on 127.0.0.1
as in production (DEBUG off, persistent connections, one forwarding proxy trusted so each attempt
comes from its own visitor), and posts the event page's form over HTTP like a browser: CSRF
cookie from a first GET, then one POST per registration (the answer is a redirect).

    DATABASE_URL=postgres://postgres@127.0.0.1/passerelles .venv/bin/python bench/registration.py

One client, then 8 clients at once for an event of 150 seats with a waiting list. Fails (exit 1)
unless exactly `capacity` seats are confirmed, everyone else waits, nobody got a server error and
every registration has exactly one e-mail in the outbox. The rate depends on what else the
machine runs; the CPU per registration (gunicorn's workers, PostgreSQL's backends, the clients,
read from /proc) does not, and gives what the cores would carry alone. Last line:
RESULT registration per_second=<x> workers=8 confirmed=<n> capacity=<n> waiting=<n> ...
  sequential_per_second=<x> ratio=<x> errors=<n> cpu_ms=<x> cpu_bound_per_second=<x> ...
"""

import argparse
import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CLIENTS = 8
CAPACITY = 150
CONCURRENT_ATTEMPTS = 400
SEQUENTIAL_ATTEMPTS = 100
WARM_UP_ATTEMPTS = 20
# Sync workers: a registration is CPU in Python plus short waits on the database, so a few more
# processes than cores keep both cores busy while one waits for the seat lock.
DEFAULT_SERVER_WORKERS = 2 * (os.cpu_count() or 1)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def throwaway_database(workdir: Path) -> tuple[str, callable]:
    """A database URL for this run, and a function that drops it afterwards."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{workdir / 'registration.sqlite3'}", lambda: None
    import psycopg

    parts = urlsplit(url)
    name = (parts.path.lstrip("/") or "passerelles") + "_bench_registration"
    admin = parts._replace(path="/postgres").geturl()

    def drop():
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    drop()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return parts._replace(path=f"/{name}").geturl(), drop


def setup_site() -> dict[str, int]:
    """Migrate, then a home page, an agenda, and the two events (ids by name)."""
    import django

    django.setup()
    from datetime import timedelta

    from django.core.management import call_command
    from django.db import connections
    from django.utils import timezone
    from wagtail.models import Page, Site

    from events.models import AgendaPage, EventCyclePage, EventPage, Venue
    from hub.models import HomePage

    call_command("migrate", verbosity=0)
    root = Page.get_first_root_node()
    home = HomePage(title="Accueil", slug="accueil-bench")
    root.add_child(instance=home)
    Site.objects.all().delete()
    Site.objects.create(hostname="127.0.0.1", port=80, root_page=home, is_default_site=True)
    agenda = AgendaPage(title="Agenda", slug="agenda")
    home.add_child(instance=agenda)
    cycle = EventCyclePage(title="Cycle", slug="cycle", year=2026)
    agenda.add_child(instance=cycle)
    venue = Venue.objects.create(
        name="Salle", street_address="1 rue", postal_code="63000", city="Clermont-Ferrand"
    )
    start = timezone.now() + timedelta(days=10)
    events = {}
    for slug, capacity in (("sequentiel", 10_000), ("concurrent", CAPACITY)):
        event = EventPage(
            title=slug,
            slug=slug,
            start=start,
            end=start + timedelta(hours=3),
            venue=venue,
            capacity=capacity,
            waiting_list_enabled=True,
        )
        cycle.add_child(instance=event)
        event.save_revision().publish()
        events[slug] = event.pk
    connections.close_all()  # gunicorn's workers open their own
    return events


def start_server(env: dict, port: int, workers: int) -> subprocess.Popen:
    server = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "gunicorn",
            "hub.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--preload",
            "--log-level",
            "warning",
            "--timeout",
            "60",
        ],  # fmt: skip
        cwd=ROOT,
        env=env,
    )
    limit = time.monotonic() + 300  # a busy machine imports Django slowly
    while time.monotonic() < limit:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return server
        except OSError:
            if server.poll() is not None:
                sys.exit("gunicorn did not start")
            time.sleep(0.2)
    server.terminate()
    sys.exit(f"gunicorn did not listen on {port}")


class Visitor:
    """One browser: the CSRF cookie from the event page, then form posts on its own connection."""

    def __init__(self, port: int, event_id: int):
        self.port = port
        self.path = f"/evenements/{event_id}/inscription/"
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.connection.request("GET", self.path)  # redirects to the page: no cookie yet
        response = self.connection.getresponse()
        response.read()
        page = urlsplit(response.getheader("Location", "/")).path
        self.connection.request("GET", page)
        response = self.connection.getresponse()
        response.read()
        cookie = re.search(r"csrftoken=(\w+)", response.getheader("Set-Cookie") or "")
        if not cookie:
            sys.exit(f"no CSRF cookie from {page} (HTTP {response.status})")
        self.token = cookie.group(1)

    def register(self, number: int, prefix: str) -> int:
        body = urlencode(
            {
                "csrfmiddlewaretoken": self.token,
                "name": "Personne Test",
                "email": f"{prefix}{number}@example.org",
                "consent": "on",
                "website": "",
            }
        )
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={self.token}",
            # Each attempt is another visitor behind the proxy: the per-IP limit stays real.
            "X-Forwarded-For": f"10.{number // 65536 % 256}.{number // 256 % 256}.{number % 256}",
        }
        try:
            self.connection.request("POST", self.path, body, headers)
            response = self.connection.getresponse()
            response.read()
            return response.status
        except (OSError, http.client.HTTPException):
            self.connection.close()
            return 599


def _cpu_seconds(pid: int) -> float:
    """User + system CPU a process has used so far (Linux /proc; 0 elsewhere or once gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _children(parent: int) -> list[int]:
    pids = []
    for entry in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(entry.read_text().rsplit(")", 1)[1].split()[1]) == parent:
                pids.append(int(entry.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    return pids


def _database_backends() -> list[int]:
    from django.db import connection

    if connection.vendor != "postgresql":
        return []  # SQLite runs inside the web workers
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return [pid for (pid,) in cursor.fetchall()]


class CpuMeter:
    """CPU used by gunicorn's workers, the database's backends and the clients over a run:
    unlike the rate, it does not depend on what else the machine is doing."""

    def __init__(self, server: subprocess.Popen):
        self.server = server

    def _sample(self) -> dict[str, dict[int, float]]:
        return {
            "web": {pid: _cpu_seconds(pid) for pid in _children(self.server.pid)},
            "database": {pid: _cpu_seconds(pid) for pid in _database_backends()},
        }

    def __enter__(self):
        self.before = self._sample()
        self.clients_before = time.process_time()
        return self

    def __exit__(self, *exc):
        after = self._sample()
        self.used = {
            kind: sum(cpu - self.before[kind].get(pid, 0.0) for pid, cpu in pids.items())
            for kind, pids in after.items()
        }
        self.used["clients"] = time.process_time() - self.clients_before

    def per_registration_ms(self, attempts: int) -> dict[str, float]:
        return {kind: seconds * 1000 / attempts for kind, seconds in self.used.items()}


def run(port: int, event_id: int, attempts: int, clients: int, prefix: str) -> tuple[float, dict]:
    """Post `attempts` registrations from `clients` visitors at once; (seconds, statuses)."""
    visitors = [Visitor(port, event_id) for _ in range(clients)]
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    numbers = iter(range(attempts))

    def client(visitor: Visitor):
        while True:
            with lock:
                number = next(numbers, None)
            if number is None:
                return
            status = visitor.register(number, prefix)
            with lock:
                statuses[status] = statuses.get(status, 0) + 1

    threads = [threading.Thread(target=client, args=(v,)) for v in visitors]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - began, statuses


def counts(event_id: int) -> dict[str, int]:
    from django.db import connections

    from events.choices import RegistrationStatus
    from events.models import Registration
    from hub.models.outbox import OutgoingEmail

    registrations = Registration.objects.filter(event_id=event_id)
    keys = OutgoingEmail.objects.filter(key__regex=r"^events:(confirmed|waiting):")
    result = {
        "confirmed": registrations.filter(status=RegistrationStatus.CONFIRMED).count(),
        "waiting": registrations.filter(status=RegistrationStatus.WAITING).count(),
        "emails": keys.count(),
        "registrations": Registration.objects.count(),
    }
    connections.close_all()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server-workers", type=int, default=DEFAULT_SERVER_WORKERS)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="passerelles-bench-registration-"))
    url, drop = throwaway_database(workdir)
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("REDIS_URL", "DJANGO_SETTINGS_MODULE")
    }
    env.update(
        {
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "hub.settings.base",
            "DEBUG": "false",
            "CONN_MAX_AGE": "60",
            "TRUSTED_PROXY_COUNT": "1",
            "EMAIL_URL": "memory://",
            "PASSERELLES_VAR_DIR": str(workdir),
            "PAGE_CACHE_SECONDS": "0",
        }
    )
    os.environ.clear()
    os.environ.update(env)
    server = None
    try:
        events = setup_site()
        port = free_port()
        server = start_server(env, port, args.server_workers)
        vendor = "postgresql" if url.startswith("postgres") else "sqlite"
        print(
            f"database: {vendor}; gunicorn: {args.server_workers} sync workers on "
            f"{os.cpu_count()} cores; clients: {CLIENTS}; capacity: {CAPACITY}; "
            f"load average: {os.getloadavg()[0]:.1f}"
        )
        run(port, events["sequentiel"], WARM_UP_ATTEMPTS, CLIENTS, "w")  # every worker warm

        with CpuMeter(server):
            seq_time, seq_statuses = run(port, events["sequentiel"], SEQUENTIAL_ATTEMPTS, 1, "s")
        seq_rate = SEQUENTIAL_ATTEMPTS / seq_time
        print(
            f"sequential (1 client): {SEQUENTIAL_ATTEMPTS} in {seq_time:.2f}s = {seq_rate:.1f}/s,"
            f" {seq_time * 1000 / SEQUENTIAL_ATTEMPTS:.1f} ms each"
        )
        with CpuMeter(server) as meter:
            con_time, con_statuses = run(
                port, events["concurrent"], CONCURRENT_ATTEMPTS, CLIENTS, "c"
            )
        con_rate = CONCURRENT_ATTEMPTS / con_time
        print(
            f"concurrent ({CLIENTS} clients): {CONCURRENT_ATTEMPTS} in {con_time:.2f}s"
            f" = {con_rate:.1f}/s (×{con_rate / seq_rate:.2f} the sequential rate)"
        )
        cpu = meter.per_registration_ms(CONCURRENT_ATTEMPTS)
        cpu_total = sum(cpu.values())
        # What the cores would carry if the run had them to itself (the rate is shared with
        # whatever else runs on the machine; the CPU per registration is not).
        cpu_bound_rate = (os.cpu_count() or 1) * 1000 / cpu_total if cpu_total else 0.0
        print(
            "CPU per registration: "
            + ", ".join(f"{kind} {ms:.1f} ms" for kind, ms in cpu.items())
            + f"; total {cpu_total:.1f} ms, i.e. {cpu_bound_rate:.0f}/s on"
            f" {os.cpu_count()} free cores"
        )
        print(f"HTTP statuses: sequential {seq_statuses}, concurrent {con_statuses}")
        errors = sum(
            n for statuses in (seq_statuses, con_statuses) for s, n in statuses.items() if s != 302
        )
        found = counts(events["concurrent"])
        print(
            f"seats: {found['confirmed']} confirmed, {found['waiting']} waiting; "
            f"e-mails in the outbox: {found['emails']} for {found['registrations']} registrations"
        )
        print(
            f"RESULT registration per_second={con_rate:.1f} workers={CLIENTS}"
            f" confirmed={found['confirmed']} capacity={CAPACITY} waiting={found['waiting']}"
            f" sequential_per_second={seq_rate:.1f} ratio={con_rate / seq_rate:.2f}"
            f" errors={errors} cpu_ms={cpu_total:.1f} cpu_bound_per_second={cpu_bound_rate:.0f}"
            f" server_workers={args.server_workers}"
        )
        exact = (
            found["confirmed"] == CAPACITY
            and found["waiting"] == CONCURRENT_ATTEMPTS - CAPACITY
            and found["emails"] == found["registrations"]
        )
        if not exact or errors:
            sys.exit(1)
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        drop()


if __name__ == "__main__":
    main()
