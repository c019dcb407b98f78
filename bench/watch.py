"""Benchmark of the watch's collection: 200 local feeds × 50 items, end to end.

Serves 200 generated RSS feeds from a local HTTP server (a separate process on 127.0.0.1), then
measures in the same run:
  - `feedparser.parse` alone on the same bytes (entries per second, one core): the reference;
  - a full round end to end (fetch, parse, sanitise, dates, dedupe, store in a throw-away SQLite
    database) with bounded concurrency: fetching threads feeding parsing processes;
  - the same round one source at a time;
  - the JSON portal kinds (EU Funding & Tenders search API, Aides-territoires): 20 sources of each
    × 4 pages × 50 records, generated in the shape of the real answers (HTML descriptions to
    sanitise, one or two deadlines, a budget as JSON text) and served the same way.

    .venv/bin/python bench/watch.py                       # 200 feeds × 50 items
    .venv/bin/python bench/watch.py --feeds 50 --items 20 # quicker look
    .venv/bin/python bench/watch.py --portals-only        # the JSON kinds alone

ingest_ratio = items ingested per second end to end / entries parsed per second by feedparser.
concurrency_speedup = wall time one at a time / wall time with bounded concurrency.

The JSON kinds are measured on the same bytes, three ways, each the best of three runs:
  - reference: `json.loads` of every page, one core (records decoded per second);
  - json_map_ratio: the stage comparable to `json.loads`, one core, no network, no database:
    decode each page and map it to the records the pipeline stores (`records_from_pages`:
    fields, dates in Europe/Paris, facts, budget, HTML summary sanitised and cut, plain text,
    canonical link, content hash, themes) / the reference;
  - json_ingest_ratio: one collection round end to end / the reference: HTTP requests and paging
    against the local server (a process of its own, on the same cores), decoding and mapping in
    the fetching threads (one process), dedupe, storage in SQLite and each source's health
    (records stored per second of wall time).
Last line: RESULT watch ingest_ratio=<x> concurrency_speedup=<x> json_map_ratio=<x>
json_ingest_ratio=<x>
"""

import argparse
import multiprocessing
import os
import sys
import tempfile
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORDS = (
    "culture création résidence spectacle musique numérique transition écologique territoire "
    "financement association compagnie festival artistes médiation patrimoine design jeux vidéo "
    "innovation coopération européenne emploi formation public jeunesse sobriété tournée"
).split()
MONTHS = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"


def make_feed(feed: int, items: int) -> bytes:
    entries = []
    for index in range(items):
        words = " ".join(WORDS[(feed * 7 + index * 3 + k) % len(WORDS)] for k in range(40))
        deadline = ""
        title = (
            f"Actualité {feed}-{index} : {WORDS[index % len(WORDS)]} et {WORDS[feed % len(WORDS)]}"
        )
        if index % 3 == 0:
            month = MONTHS.split()[index % 12]
            title = f"Appel à projets {feed}-{index} — {WORDS[index % len(WORDS)]}"
            deadline = f" <b>Date limite : {1 + index % 28} {month} 2027 à 12h00.</b>"
        entries.append(
            f"""<item><title>{title}</title>
<link>https://site{feed}.example.org/actualites/{index}?utm_source=rss&amp;utm_medium=feed</link>
<guid isPermaLink="false">feed{feed}-item{index}</guid>
<pubDate>Mon, {1 + index % 28:02d} Nov 2026 09:00:00 +0100</pubDate>
<category>Culture</category><category>{WORDS[index % len(WORDS)]}</category>
<description><![CDATA[<p>{words}.</p><p onclick="x()">{words[:120]}.{deadline}</p>
<script>alert(1)</script>]]></description>
</item>"""
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>Source {feed}</title><link>https://site{feed}.example.org/</link>"
        "<description>Banc d'essai</description>" + "".join(entries) + "</channel></rss>"
    ).encode()


def serve(feeds: dict[int, bytes], port_queue) -> None:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):  # noqa: N802 - http.server's naming
            number = int(self.path.strip("/").split(".")[0].split("/")[-1])
            body = feeds[number]
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    port_queue.put(server.server_address[1])
    server.serve_forever()


def setup_django(workdir: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "hub.settings.base"
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'watch.sqlite3'}"
    os.environ["PASSERELLES_VAR_DIR"] = str(workdir)
    # The bench serves its feeds from 127.0.0.1: only loopback passes the SSRF guard.
    os.environ["WATCH_ALLOWED_NETWORKS"] = "127.0.0.0/8"
    os.environ["AIDES_TERRITOIRES_API_KEY"] = "bench-key"
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.db import connection

    from hub.models import Theme
    from watch.collection.models import Item, Source

    # Only the tables the collection touches: a full migrate would dwarf the measurement.
    with connection.schema_editor() as editor:
        for model in (Theme, Source, Item):
            editor.create_model(model)
    for name, keywords in [
        ("Transition écologique", "transition écologique\nsobriété\nempreinte carbone"),
        ("Numérique", "numérique\njeux vidéo\ndesign"),
        ("Europe", "européenne\ncoopération"),
    ]:
        Theme.objects.create(name=name, keywords=keywords)


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (the parsing processes)."""
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def reset(sources) -> None:
    from watch.collection.models import Item, Source

    # Raw deletes: other watch tables that cascade from items are not created here.
    Item.themes.through.objects.all()._raw_delete("default")
    Item.objects.all()._raw_delete("default")
    Source.objects.update(etag="", last_modified="", locked_until=None, next_fetch_at=None)


# --- JSON portal kinds ------------------------------------------------------------------------

PAGE_SIZE = 50
BASE_URL = "https://api.example.org/"


def make_eu_page(source: int, number: int, pages: int) -> bytes:
    """One page of the EU search API's answer, shaped like the recorded ones."""
    import json

    results = []
    for index in range(PAGE_SIZE):
        identifier = f"CREA-CULT-2027-S{source}-P{number}-T{index}"
        words = " ".join(
            WORDS[(source * 5 + number * 3 + index + k) % len(WORDS)] for k in range(60)
        )
        two_stage = index % 4 == 0
        deadlines = ["2027-02-10T17:00:00.000+0100"] + (
            ["2027-09-15T17:00:00.000+0200"] if two_stage else []
        )
        overview = {
            "budgetTopicActionMap": {
                "1": [{"action": f"{identifier} - CREA-LS", "budgetYearMap": {"2027": 1_000_000}}]
            }
        }
        results.append(
            {
                "reference": f"43251814{identifier}en",
                "url": f"https://ec.europa.eu/info/funding-tenders/data/{identifier.lower()}.json",
                "title": identifier,
                "summary": f"Topic {index}",
                "content": f"Topic {index}",
                "metadata": {
                    "identifier": [identifier],
                    "title": [f"Coopération {WORDS[index % len(WORDS)]} {source}-{number}-{index}"],
                    "callIdentifier": ["CREA-CULT-2027"],
                    "callTitle": ["Call for proposals — Culture strand 2027"],
                    "status": ["31094502" if index % 5 else "31094501"],
                    "startDate": ["2026-10-16T00:00:00.000+0000"],
                    "deadlineDate": deadlines,
                    "deadlineModel": ["two-stage" if two_stage else "single-stage"],
                    "frameworkProgramme": ["43251814"],
                    "typesOfAction": ["CREA Lump Sum Grants"],
                    "budgetOverview": [json.dumps(overview)],
                    "descriptionByte": [f"<p>{words}.</p><p onclick='x()'>{words[:200]}</p>"],
                },
            }
        )
    page = {"totalResults": PAGE_SIZE * pages, "pageNumber": number, "pageSize": PAGE_SIZE,
            "results": results}  # fmt: skip
    return json.dumps(page).encode()


def make_aides_page(source: int, number: int, pages: int) -> bytes:
    """One page of Aides-territoires' answer (Django REST framework pagination)."""
    import json

    results = []
    for index in range(PAGE_SIZE):
        words = " ".join(WORDS[(source * 3 + number + index + k) % len(WORDS)] for k in range(60))
        results.append(
            {
                "id": source * 100_000 + number * 1000 + index,
                "slug": f"aide-{source}-{number}-{index}",
                "url": f"/aides/aide-{source}-{number}-{index}/",
                "name": f"Aide {WORDS[index % len(WORDS)]} {source}-{number}-{index}",
                "financers": ["Région Auvergne-Rhône-Alpes"],
                "aid_types": ["Subvention"],
                "targeted_audiences": ["Associations", "Entreprises privées"],
                "programs": [],
                "categories": ["Culture et identité collective > Spectacle vivant"],
                "perimeter": "Auvergne-Rhône-Alpes",
                "description": f"<p>{words}.</p><script>alert(1)</script>",
                "eligibility": f"<p>{words[:300]}</p>",
                "start_date": "2026-09-01",
                "predeposit_date": "2027-01-10" if index % 4 == 0 else None,
                "submission_deadline": None if index % 7 == 0 else "2027-03-31",
                "recurrence": "Permanente" if index % 7 == 0 else "Ponctuelle",
            }
        )
    more = number < pages
    page = {"count": PAGE_SIZE * pages, "next": f"https://x/?page={number + 1}" if more else None,
            "previous": None, "results": results}  # fmt: skip
    return json.dumps(page).encode()


def serve_portals(bodies: dict, port_queue) -> None:
    """EU pages by `pageNumber` (POST), Aides-territoires' token (POST) and pages by `page`."""
    from urllib.parse import parse_qs, urlsplit

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def answer(self, body: bytes) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):  # noqa: N802 - http.server's naming
            parts = urlsplit(self.path)
            source = int(parts.path.split("/")[2])
            page = int(parse_qs(parts.query)["page"][0])
            self.answer(bodies[("aides-territoires", source, page)])

        def do_POST(self):  # noqa: N802
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            parts = urlsplit(self.path)
            kind, source = parts.path.split("/")[1:3]
            if kind == "at":
                self.answer(b'{"token": "bench-token"}')
                return
            page = int(parse_qs(parts.query)["pageNumber"][0])
            self.answer(bodies[("eu-funding", int(source), page)])

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    port_queue.put(server.server_address[1])
    server.serve_forever()


def bench_portals(args) -> dict[str, float]:
    """Measure the portal kinds; return json_map_ratio and json_ingest_ratio."""
    import json

    from django.utils import timezone

    from watch.collection.collect import run_round
    from watch.collection.models import Item, Source
    from watch.collection.portals.read import records_from_pages
    from watch.collection.themes import theme_patterns

    makers = {"eu-funding": make_eu_page, "aides-territoires": make_aides_page}
    bodies = {
        (kind, source, page): make(source, page, args.portal_pages)
        for kind, make in makers.items()
        for source in range(args.portal_sources)
        for page in range(1, args.portal_pages + 1)
    }
    records = len(bodies) * PAGE_SIZE
    megabytes = sum(map(len, bodies.values())) / 1e6
    port_queue = multiprocessing.get_context("fork").Queue()
    server = multiprocessing.get_context("fork").Process(
        target=serve_portals, args=(bodies, port_queue), daemon=True
    )
    server.start()
    port = port_queue.get(timeout=10)

    def best_of_three(work) -> float:
        timings = []
        for _run in range(3):
            started = time.perf_counter()
            work()
            timings.append(time.perf_counter() - started)
        return min(timings)

    json_rate = records / best_of_three(lambda: [json.loads(body) for body in bodies.values()])
    print(f"json.loads alone: {records} records in {megabytes:.1f} MB, {json_rate:,.0f} records/s")
    now, patterns = timezone.now(), theme_patterns()
    mapped = []

    def decode_and_map() -> None:
        mapped[:] = [
            records_from_pages(kind, [json.loads(body)], {}, BASE_URL, now=now,
                               theme_patterns=patterns)
            for (kind, _source, _page), body in bodies.items()
        ]  # fmt: skip

    map_rate = records / best_of_three(decode_and_map)
    mapped_records = sum(len(result.records) for result in mapped)
    print(
        f"decode + map to records, one core: {mapped_records}/{records} records,"
        f" {map_rate:,.0f} records/s"
    )

    sources = [
        Source.objects.create(
            name=f"{kind} {number}",
            kind=kind,
            publishes="calls",
            url=f"http://127.0.0.1:{port}/{'eu' if kind == 'eu-funding' else 'at'}/{number}/",
        )
        for kind in makers
        for number in range(args.portal_sources)
    ]
    Item.themes.through.objects.all()._raw_delete("default")
    Item.objects.all()._raw_delete("default")
    started = time.perf_counter()
    outcomes = run_round(sources, threads=args.threads, processes=args.processes)
    wall = time.perf_counter() - started
    stored = Item.objects.filter(source__in=sources).count()
    failures = [outcome.error for outcome in outcomes if not outcome.ok]
    ingest_rate = stored / wall
    print(
        f"portal round, {args.threads} threads: {stored}/{records} records stored in {wall:.2f} s"
        f" ({ingest_rate:,.0f} records/s, {len(failures)} failures {failures[:1]})"
    )
    server.terminate()
    ratios = {"json_map_ratio": map_rate / json_rate, "json_ingest_ratio": ingest_rate / json_rate}
    print(
        f"json: decode + map / json.loads = {ratios['json_map_ratio']:.3f},"
        f" end to end / json.loads = {ratios['json_ingest_ratio']:.3f}"
    )
    return ratios


def format_ratios(ratios: dict[str, float]) -> str:
    return " ".join(f"{name}={value:.2f}" for name, value in ratios.items())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--portal-sources", type=int, default=20, help="sources of each kind")
    parser.add_argument("--portal-pages", type=int, default=4)
    parser.add_argument("--portals-only", action="store_true", help="skip the feeds")
    args = parser.parse_args()
    if args.portals_only:
        with tempfile.TemporaryDirectory(prefix="bench-watch-") as tmp:
            setup_django(Path(tmp))
            ratios = bench_portals(args)
        print(f"RESULT watch {format_ratios(ratios)}")
        return

    feeds = {number: make_feed(number, args.items) for number in range(args.feeds)}
    total_items = args.feeds * args.items
    port_queue = multiprocessing.get_context("fork").Queue()
    server = multiprocessing.get_context("fork").Process(
        target=serve, args=(feeds, port_queue), daemon=True
    )
    server.start()
    port = port_queue.get(timeout=10)

    with tempfile.TemporaryDirectory(prefix="bench-watch-") as tmp:
        setup_django(Path(tmp))
        import feedparser

        from watch.collection.collect import run_round
        from watch.collection.models import Item, Source

        sources = [
            Source.objects.create(
                name=f"Source {number}", url=f"http://127.0.0.1:{port}/{number}.xml"
            )
            for number in range(args.feeds)
        ]

        started = time.perf_counter()
        parsed = sum(len(feedparser.parse(body).entries) for body in feeds.values())
        feedparser_rate = parsed / (time.perf_counter() - started)
        print(f"feedparser.parse alone: {parsed} entries, {feedparser_rate:,.0f} entries/s")

        reset(sources)
        started, cpu = time.perf_counter(), cpu_seconds()
        outcomes = run_round(sources, threads=args.threads, processes=args.processes)
        concurrent_wall = time.perf_counter() - started
        cores = (cpu_seconds() - cpu) / concurrent_wall
        stored = Item.objects.count()
        failures = sum(not outcome.ok for outcome in outcomes)
        ingest_rate = stored / concurrent_wall
        print(
            f"round, {args.threads} threads + {args.processes} parsing processes:"
            f" {stored}/{total_items} items stored in {concurrent_wall:.2f} s"
            f" ({ingest_rate:,.0f} items/s, {failures} failures, {cores:.2f} cores busy)"
        )

        reset(sources)
        started = time.perf_counter()
        run_round(sources, threads=args.threads, processes=1)
        threads_wall = time.perf_counter() - started
        print(
            f"round, {args.threads} threads, parsing in the main process:"
            f" {threads_wall:.2f} s ({Item.objects.count() / threads_wall:,.0f} items/s)"
        )

        reset(sources)
        started, cpu = time.perf_counter(), cpu_seconds()
        run_round(sources, threads=1, processes=1)
        sequential_wall = time.perf_counter() - started
        cores = (cpu_seconds() - cpu) / sequential_wall
        print(
            f"round, one source at a time: {sequential_wall:.2f} s"
            f" ({Item.objects.count() / sequential_wall:,.0f} items/s, {cores:.2f} cores busy)"
        )

        again = run_round(
            list(Source.objects.all()), threads=args.threads, processes=args.processes
        )
        print(
            f"second round on unchanged feeds: {sum(o.new for o in again)} new,"
            f" {sum(o.updated for o in again)} updated"
        )

        json_ratios = bench_portals(args)

    server.terminate()
    ingest_ratio = ingest_rate / feedparser_rate
    speedup = sequential_wall / concurrent_wall
    print(
        f"RESULT watch ingest_ratio={ingest_ratio:.2f} concurrency_speedup={speedup:.2f}"
        f" {format_ratios(json_ratios)}"
    )


if __name__ == "__main__":
    main()
