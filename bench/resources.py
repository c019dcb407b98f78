"""Benchmark of the resource index: query count and time at 100, 1,000 and 10,000 resources.

Populates one throw-away database per size in bulk (SQLite files in a temporary directory by
default, or throw-away PostgreSQL databases created next to the one DATABASE_URL names, dropped at
the end), then requests the index through Django's test client with a theme facet and a search
term found in most resources (the worst case for ranking), page 1 and page 20, and the same
without search. Sizes are measured in alternating rounds, so that a slow minute of the machine
weighs on every size alike instead of on whichever size it fell on.

    .venv/bin/python bench/resources.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/passerelles .venv/bin/python bench/resources.py

Options: --only-largest (100 and 10,000), --sizes=100,10000, -v (slowest statements),
--profile (cProfile of one search at the largest size), --keep (keep the databases).

Last line: RESULT resources queries_100=<n> queries_10000=<n> time_ratio=<x>
"""

from __future__ import annotations

import datetime
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

SIZES = (100, 1_000, 10_000)
if "--only-largest" in sys.argv:
    SIZES = (100, 10_000)
for argument in sys.argv:
    if argument.startswith("--sizes="):  # e.g. --sizes=100,10000
        SIZES = tuple(int(size) for size in argument.split("=", 1)[1].split(","))
ROUNDS = 5  # alternating rounds over the sizes
PER_ROUND = 3  # timed requests per scenario, size and round: 15 per median
SEARCH_TERM = "compétences"
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORK_DIR = Path(tempfile.mkdtemp(prefix="passerelles-bench-"))
SOURCE_URL = os.environ.get("DATABASE_URL", "")
PG_ADMIN_URL = None
if SOURCE_URL.startswith(("postgres://", "postgresql://")):
    import psycopg

    BENCH_DB = f"passerelles_bench_resources_{os.getpid()}"
    PG_ADMIN_URL = SOURCE_URL.rsplit("/", 1)[0] + "/postgres"
    DATABASE_NAMES = {size: f"{BENCH_DB}_{size}" for size in SIZES}
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        for name in DATABASE_NAMES.values():
            admin.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = SOURCE_URL.rsplit("/", 1)[0] + f"/{DATABASE_NAMES[SIZES[0]]}"
else:
    DATABASE_NAMES = {size: str(WORK_DIR / f"bench-{size}.sqlite3") for size in SIZES}
    os.environ["DATABASE_URL"] = f"sqlite:///{DATABASE_NAMES[SIZES[0]]}"
os.environ["PASSERELLES_VAR_DIR"] = str(WORK_DIR)
(WORK_DIR / "static").mkdir()
os.environ.setdefault("DEBUG", "false")
# Measure the work, not the anonymous page cache.
os.environ["PAGE_CACHE_SECONDS"] = "0"
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ["DJANGO_SETTINGS_MODULE"] = "hub.settings.base"

import django  # noqa: E402

django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from wagtail.models import Locale, Page, Site  # noqa: E402

from hub.models import Audience, HomePage, Sector, Territory, Theme  # noqa: E402
from resources.entries import rebuild_entries, reindex_pages  # noqa: E402
from resources.models import (  # noqa: E402
    GuidePage,
    ResourceIndexPage,
    SupportSchemePage,
    TrainingProgrammePage,
)

WORDS = (
    "transition écologique tournée sobriété mobilité numérique filière diffusion production "
    "création public territoire accompagnement mentorat financement europe coopération métiers "
    "emploi gouvernance plan action enjeux données lieu festival spectacle musique design"
).split()


def setup_site() -> ResourceIndexPage:
    call_command("migrate", verbosity=0, interactive=False)
    root = Page.get_first_root_node()
    home = HomePage(title="Accueil", slug="accueil")
    root.add_child(instance=home)
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True)
    for index in range(7):
        Theme.objects.create(name=f"Thème {index}", slug=f"theme-{index}")
        Audience.objects.create(name=f"Public {index}")
        Sector.objects.create(name=f"Filière {index}")
        Territory.objects.create(name=f"Territoire {index}")
    index_page = ResourceIndexPage(title="Ressources", slug="ressources")
    home.add_child(instance=index_page)
    return index_page


def populate(index_page: ResourceIndexPage, target: int, rng: random.Random) -> None:
    """Add resource pages under the index until it has `target` children, in bulk."""
    index_page.refresh_from_db()
    start = index_page.numchild
    count = target - start
    if count <= 0:
        return
    locale = Locale.get_default()
    themes = list(Theme.objects.values_list("pk", flat=True))
    audiences = list(Audience.objects.values_list("pk", flat=True))
    sectors = list(Sector.objects.values_list("pk", flat=True))
    territories = list(Territory.objects.values_list("pk", flat=True))
    models = (GuidePage, TrainingProgrammePage, SupportSchemePage)
    content_types = ContentType.objects.get_for_models(*models)
    now = datetime.datetime.now(datetime.UTC)
    pages = []
    for offset in range(count):
        number = start + offset + 1
        model = models[number % 3]
        words = rng.sample(WORDS, 25)
        # The search term sits in nine resources out of ten: the worst case for ranking.
        if number % 10:
            words.insert(rng.randrange(len(words)), SEARCH_TERM)
        text = " ".join(words)
        slug = f"ressource-{number}"
        fields = {
            "title": f"Ressource {number} : {' '.join(words[:3])}",
            "draft_title": f"Ressource {number}",
            "slug": slug,
            "path": Page._get_path(index_page.path, index_page.depth + 1, number),
            "depth": index_page.depth + 1,
            "numchild": 0,
            "url_path": f"{index_page.url_path}{slug}/",
            "content_type": content_types[model],
            "locale": locale,
            "live": True,
            "has_unpublished_changes": False,
            "first_published_at": now,
            "last_published_at": now,
            "translation_key": uuid.uuid4(),
            "summary": text,
            "publication_date": datetime.date(2020, 1, 1)
            + datetime.timedelta(days=rng.randrange(2500)),
        }
        if model is not TrainingProgrammePage:
            fields["body"] = [{"type": "paragraph", "value": f"<p>{text}</p>"}]
        pages.append(model(**fields))
    page_fields = [field.attname for field in Page._meta.concrete_fields if field.attname != "id"]
    bases = Page.objects.bulk_create(
        [Page(**{name: getattr(page, name) for name in page_fields}) for page in pages],
        batch_size=500,
    )
    for page, base in zip(pages, bases, strict=True):
        page.pk = page.id = page.page_ptr_id = base.pk
    for model in models:
        concrete = [page for page in pages if type(page) is model]
        local = [field for field in model._meta.local_concrete_fields]
        for batch in range(0, len(concrete), 200):
            model._base_manager._insert(concrete[batch : batch + 200], fields=local, raw=True)
        for name, terms, per_page in (
            ("themes", themes, 2),
            ("audiences", audiences, 2),
            ("sectors", sectors, 1),
            ("territories", territories, 1),
        ):
            relation = model._meta.get_field(name)
            through = relation.remote_field.through
            through.objects.bulk_create(
                [
                    through(
                        **{
                            relation.m2m_column_name(): page.pk,
                            relation.m2m_reverse_name(): term,
                        }
                    )
                    for page in concrete
                    for term in rng.sample(terms, per_page)
                ],
                batch_size=1000,
            )
    Page.objects.filter(pk=index_page.pk).update(numchild=target)
    rebuild_entries()
    ids = [page.pk for page in pages]
    for batch in range(0, len(ids), 1000):
        reindex_pages(ids[batch : batch + 1000])
    # Fresh planner statistics and visibility map, as autovacuum (PostgreSQL) or `PRAGMA
    # optimize` would give; without it autovacuum wakes up on the new rows mid-measurement.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


VERBOSE = "-v" in sys.argv


def use_database(size: int) -> None:
    """Point Django at the database of `size` resources (every database has the same ids)."""
    connections.close_all()
    connection.settings_dict["NAME"] = DATABASE_NAMES[size]
    cache.clear()  # Wagtail caches the site root paths


def build(size: int) -> str:
    use_database(size)
    started = time.perf_counter()
    index_page = setup_site()
    populate(index_page, size, random.Random(20260101))
    print(f"{size:>6} resources  populated in {time.perf_counter() - started:.1f} s")
    return index_page.url


def timed_get(client: Client, url: str, params: dict) -> tuple[float, list[dict]]:
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(url, params)
        took = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, response.status_code
    return took, queries.captured_queries


def main() -> None:
    scenarios = {
        "search p1": {"q": SEARCH_TERM, "theme": "theme-1", "page": 1},
        "search p20": {"q": SEARCH_TERM, "theme": "theme-1", "page": 20},
        "recent p1": {"theme": "theme-1", "page": 1},
        "recent p20": {"theme": "theme-1", "page": 20},
    }
    print(f"database: {connection.vendor}  term: {SEARCH_TERM!r}  facet: theme-1")
    urls = {size: build(size) for size in SIZES}
    client = Client()
    timings: dict[tuple[int, str], list[float]] = {}
    query_counts: dict[tuple[int, str], int] = {}
    slowest: dict[tuple[int, str], list[dict]] = {}
    for _ in range(ROUNDS):
        for size in SIZES:
            use_database(size)
            for name, params in scenarios.items():
                for _ in range(2):
                    client.get(urls[size], params)  # warm: connection, templates, site paths
                for _ in range(PER_ROUND):
                    took, queries = timed_get(client, urls[size], params)
                    timings.setdefault((size, name), []).append(took)
                    query_counts[size, name] = len(queries)
                    slowest[size, name] = queries
    results: dict[int, dict[str, tuple[float, int, float]]] = {}
    for size in SIZES:
        results[size] = {}
        for name in scenarios:
            samples = timings[size, name]
            median, fastest = statistics.median(samples), min(samples)
            results[size][name] = (median, query_counts[size, name], fastest)
            print(
                f"{size:>6} resources  {name:<11} median {median:7.1f} ms  "
                f"fastest {fastest:7.1f} ms  {query_counts[size, name]:>3} queries"
            )
            if VERBOSE:
                for query in sorted(slowest[size, name], key=lambda q: -float(q["time"]))[:3]:
                    print(f"    {float(query['time']) * 1000:6.1f} ms  {query['sql'][:400]}")
    if "--profile" in sys.argv:
        import cProfile
        import pstats

        use_database(SIZES[-1])
        profiler = cProfile.Profile()
        profiler.runcall(client.get, urls[SIZES[-1]], scenarios["search p1"])
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
    first, last = SIZES[0], SIZES[-1]
    ratios = {name: results[last][name][0] / results[first][name][0] for name in scenarios}
    for name, ratio in ratios.items():
        fastest = results[last][name][2] / results[first][name][2]
        print(
            f"ratio time({last}) / time({first}) {name:<11} median {ratio:.2f}  "
            f"fastest {fastest:.2f}"
        )
    worst = max(ratios.values())
    queries_first = max(results[first][name][1] for name in scenarios)
    queries_last = max(results[last][name][1] for name in scenarios)
    print(
        f"RESULT resources queries_{first}={queries_first} queries_{last}={queries_last} "
        f"time_ratio={worst:.2f}"
    )


if __name__ == "__main__":
    try:
        main()
    finally:
        connections.close_all()
        if "--keep" in sys.argv:
            print(f"kept: {', '.join(DATABASE_NAMES.values())}")
        else:
            import shutil

            shutil.rmtree(WORK_DIR, ignore_errors=True)
            if PG_ADMIN_URL:
                with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
                    for name in DATABASE_NAMES.values():
                        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
