"""Benchmark of the watch's collection: 200 local feeds × 50 items, end to end.

Serves 200 generated RSS feeds from a local HTTP server (a separate process on 127.0.0.1), then
measures in the same run:
  - `feedparser.parse` alone on the same bytes (entries per second, one core): the reference;
  - a full round end to end (fetch, parse, sanitise, dates, dedupe, store in a throw-away SQLite
    database) with bounded concurrency: fetching threads feeding parsing processes;
  - the same round one source at a time.

    .venv/bin/python bench/watch.py                       # 200 feeds × 50 items
    .venv/bin/python bench/watch.py --feeds 50 --items 20 # quicker look

ingest_ratio = items ingested per second end to end / entries parsed per second by feedparser.
concurrency_speedup = wall time one at a time / wall time with bounded concurrency.
Last line: RESULT watch ingest_ratio=<x> concurrency_speedup=<x>
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args()

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

    server.terminate()
    ingest_ratio = ingest_rate / feedparser_rate
    speedup = sequential_wall / concurrent_wall
    print(f"RESULT watch ingest_ratio={ingest_ratio:.2f} concurrency_speedup={speedup:.2f}")


if __name__ == "__main__":
    main()
