"""Per-page cost of the uncached path: render time and queries, anonymous and as the demo member.

Runs in-process (Django's test client, no server) against the demo database of the current
settings (`make load-demo` first, or set PASSERELLES_VAR_DIR / DATABASE_URL to another one), with
the page cache off: what a logged-in member, or a visitor on a cold cache, costs the server.

    .venv/bin/python bench/pages.py                          # table of every page, both profiles
    .venv/bin/python bench/pages.py --queries /agenda/       # also print that page's SQL
    .venv/bin/python bench/pages.py --profile /espace-membres/ --member   # pyinstrument tree

Last line: RESULT pages slowest_cpu_ms=<x> slowest=<path> max_queries=<n> member_median_cpu_ms=<x>
load=<1-minute load average>
"""

import argparse
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.base")
os.environ.setdefault("DEBUG", "false")
os.environ["PAGE_CACHE_SECONDS"] = "0"
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.apps import apps  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from demo.members import DEMO_EMAIL  # noqa: E402

PAGE_MODELS = [
    "hub.HomePage",
    "hub.StandardPage",
    "resources.ResourceIndexPage",
    "resources.GuidePage",
    "resources.TrainingProgrammePage",
    "resources.SupportSchemePage",
    "resources.DirectoryPage",
    "mentoring.MentoringProgrammePage",
    "mentoring.MentoringMeshPage",
    "events.AgendaPage",
    "events.EventCyclePage",
    "events.EventPage",
    "watch.CallsIndexPage",
    "watch.NewsIndexPage",
    "mailing.SubscriptionPage",
    "members.WorkspacePage",
]


def page_paths() -> list[str]:
    """One live public page of every type (the newest), in a stable order."""
    paths = []
    for label in PAGE_MODELS:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        page = model.objects.live().public().order_by("-pk").first()
        if page is not None:
            paths.append(page.url)
    return paths


def member_paths() -> list[str]:
    from members.models import Thread, Workspace

    workspace = Workspace.objects.filter(memberships__user__username=DEMO_EMAIL).first()
    paths = ["/espace-membres/", "/espace-membres/annuaire/"]
    if workspace is not None:
        paths.append(f"/espace-membres/espaces/{workspace.slug}/")
        paths.append(f"/espace-membres/espaces/{workspace.slug}/discussions/")
        thread = Thread.objects.filter(workspace=workspace).order_by("pk").first()
        if thread is not None:
            paths.append(f"/espace-membres/espaces/{workspace.slug}/discussions/{thread.pk}/")
    return paths


def member_client() -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username=DEMO_EMAIL))
    return client


def measure(client: Client, path: str, repeat: int) -> tuple[float, float, int, int]:
    """Median wall and CPU milliseconds over `repeat` requests (after a warm-up), queries, status.

    CPU time is the steadier figure on a shared machine: wall time includes waiting for a core.
    """
    client.get(path)
    wall, cpu = [], []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(path)
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
    return statistics.median(wall), statistics.median(cpu), len(queries), response.status_code


def print_queries(client: Client, path: str) -> None:
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    shapes = Counter(query["sql"][:160] for query in queries)
    print(f"\n{len(queries)} queries for {path}, most repeated first:")
    for sql, count in shapes.most_common():
        print(f"  {count:3d} × {sql}")


def profile(client: Client, path: str, repeat: int) -> None:
    from pyinstrument import Profiler

    client.get(path)
    profiler = Profiler(interval=0.0005)
    with profiler:
        for _ in range(repeat):
            client.get(path)
    print(profiler.output_text(unicode=True, color=False, show_all=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--queries", metavar="PATH", help="print the SQL of this page")
    parser.add_argument("--profile", metavar="PATH", help="pyinstrument tree of this page")
    parser.add_argument("--member", action="store_true", help="--queries/--profile as the member")
    args = parser.parse_args()

    if args.queries or args.profile:
        client = member_client() if args.member else Client()
        if args.queries:
            print_queries(client, args.queries)
        if args.profile:
            profile(client, args.profile, args.repeat)
        return

    public = page_paths()
    rows = []
    for profile_name, client, paths in (
        ("anonymous", Client(), public),
        ("member", member_client(), public + member_paths()),
    ):
        for path in paths:
            wall, cpu, queries, status = measure(client, path, args.repeat)
            rows.append((profile_name, path, cpu, queries, status))
            print(
                f"{profile_name:9s} {status} cpu {cpu:6.1f} ms  wall {wall:6.1f} ms"
                f"  {queries:3d} queries  {path}"
            )
    slowest = max(rows, key=lambda row: row[2])
    member_median = statistics.median(row[2] for row in rows if row[0] == "member")
    print(
        f"RESULT pages slowest_cpu_ms={slowest[2]:.1f} slowest={slowest[1]} "
        f"max_queries={max(row[3] for row in rows)} member_median_cpu_ms={member_median:.1f}"
        f" load={os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
