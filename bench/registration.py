"""Benchmark: registrations per second through the real view, 8 concurrent workers.

Runs on the database named by DATABASE_URL (SQLite temp file by default). On PostgreSQL the
database in the URL is created for the run and dropped afterwards: give it a throw-away name,
e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/passerelles_bench_events.

Prints the sequential and concurrent throughput, their ratio, and whether the seats confirmed
stayed within capacity; last line:
RESULT registration confirmed=<n> capacity=<n> per_second=<x>
"""

import os
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# Production-like settings: e-mails are queued for the django-q2 worker (ORM broker), not sent
# in the request, exactly as on the live site; the queue is not drained during the run.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.base")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("EMAIL_URL", "memory://")
os.environ.setdefault("PASSERELLES_VAR_DIR", tempfile.mkdtemp(prefix="passerelles-bench-"))
if not os.environ.get("DATABASE_URL"):
    os.environ["DATABASE_URL"] = f"sqlite:///{os.environ['PASSERELLES_VAR_DIR']}/bench.sqlite3"

WORKERS = 8
CAPACITY = 150
CONCURRENT_ATTEMPTS = 400
SEQUENTIAL_ATTEMPTS = 100


def _recreate_postgres_database(url: str, drop_only: bool = False) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            admin.execute(f'CREATE DATABASE "{name}"')


def _setup_site():
    from datetime import timedelta

    from django.utils import timezone
    from wagtail.models import Page, Site

    from events.models import AgendaPage, EventCyclePage, EventPage, Venue
    from hub.models import HomePage

    root = Page.get_first_root_node()
    home = HomePage(title="Accueil", slug="accueil-bench")
    root.add_child(instance=home)
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True)
    agenda = AgendaPage(title="Agenda", slug="agenda")
    home.add_child(instance=agenda)
    cycle = EventCyclePage(title="Cycle", slug="cycle", year=2026)
    agenda.add_child(instance=cycle)
    venue = Venue.objects.create(
        name="Salle", street_address="1 rue", postal_code="63000", city="Clermont-Ferrand"
    )
    start = timezone.now() + timedelta(days=10)
    events = []
    for slug, capacity in (("sequentiel", 10_000), ("concurrent", CAPACITY)):
        event = EventPage(
            title=slug,
            slug=slug,
            start=start,
            end=start + timedelta(hours=3),
            venue=venue,
            capacity=capacity,
        )
        cycle.add_child(instance=event)
        event.save_revision().publish()
        events.append(event)
    return events


def _action(event) -> str:
    from django.urls import reverse

    return reverse("events_register", args=[event.pk])


def _form(email: str) -> dict:
    return {"name": "Personne Test", "email": email, "consent": "on", "website": ""}


def _run(path: str, attempts: int, workers: int, prefix: str) -> tuple[float, list[int]]:
    from django.db import connection
    from django.test import Client

    statuses: list[int] = []
    lock = threading.Lock()
    counter = iter(range(attempts))

    def worker(worker_id: int):
        client = Client(REMOTE_ADDR=f"10.{worker_id}.0.1")
        try:
            while True:
                with lock:
                    number = next(counter, None)
                if number is None:
                    return
                status = client.post(path, _form(f"{prefix}{number}@example.org")).status_code
                with lock:
                    statuses.append(status)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(workers)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - began, statuses


def main() -> None:
    url = os.environ["DATABASE_URL"]
    postgres = url.startswith(("postgres://", "postgresql://"))
    if postgres:
        _recreate_postgres_database(url)
    import django

    django.setup()
    import logging

    logging.getLogger("django-q").setLevel(logging.WARNING)
    from django.conf import settings
    from django.core.management import call_command

    settings.EVENTS_REGISTRATION_RATE_LIMIT = (10**9, 60)
    settings.ALLOWED_HOSTS = ["testserver"]
    try:
        call_command("migrate", verbosity=0)
        from events.choices import RegistrationStatus
        from events.models import Registration

        sequential_event, concurrent_event = _setup_site()
        vendor = "postgresql" if postgres else "sqlite"
        print(f"database: {vendor}; workers: {WORKERS}; capacity: {CAPACITY}")

        # The registration form's action (the event page's own URL accepts the POST too).
        seq_time, seq_statuses = _run(_action(sequential_event), SEQUENTIAL_ATTEMPTS, 1, "s")
        seq_rate = SEQUENTIAL_ATTEMPTS / seq_time
        print(f"sequential (1 worker): {SEQUENTIAL_ATTEMPTS} in {seq_time:.2f}s = {seq_rate:.1f}/s")

        con_time, con_statuses = _run(_action(concurrent_event), CONCURRENT_ATTEMPTS, WORKERS, "c")
        con_rate = CONCURRENT_ATTEMPTS / con_time
        print(
            f"concurrent ({WORKERS} workers): {CONCURRENT_ATTEMPTS} in {con_time:.2f}s"
            f" = {con_rate:.1f}/s"
        )
        print(f"ratio concurrent/sequential: {con_rate / seq_rate:.2f}")
        errors = [s for s in seq_statuses + con_statuses if s >= 500]
        confirmed = Registration.objects.filter(
            event_id=concurrent_event.pk, status=RegistrationStatus.CONFIRMED
        ).count()
        waiting = Registration.objects.filter(
            event_id=concurrent_event.pk, status=RegistrationStatus.WAITING
        ).count()
        from django_q.models import OrmQ

        print(f"server errors: {len(errors)}; confirmed: {confirmed}; waiting: {waiting}")
        print(f"e-mails queued for the worker: {OrmQ.objects.count()}")
        print(f"capacity respected: {'yes' if confirmed <= CAPACITY else 'NO'}")
        print(
            f"RESULT registration confirmed={confirmed} capacity={CAPACITY}"
            f" per_second={con_rate:.1f}"
        )
        if confirmed > CAPACITY or errors:
            sys.exit(1)
    finally:
        if postgres:
            from django.db import connections

            connections.close_all()
            _recreate_postgres_database(url, drop_only=True)


if __name__ == "__main__":
    main()
