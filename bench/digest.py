"""Digest benchmark: build and send one personalised digest to 10,000 subscribers.

A throw-away SQLite database (migrated here) holds 10,000 confirmed subscribers with varied topics,
kinds and names, and a digest of 30 entries on those topics. A local aiosmtpd sink, in its own
process, receives everything. Measured in the same run:

- the outbox engine (`mailing.enqueue` + `mailing.send_digest`: personalisation, both MIME parts,
  RFC 8058 headers, one SMTP connection per batch, one database write per message);
- raw `smtplib` sending the same number of pre-built messages (real personalised digests of this
  run, serialised beforehand) over one connection to the same sink.

Peak resident memory of the process while the engine sends is measured at 2,500 and at 10,000
subscribers: it stays flat because subscribers are streamed in batches, never loaded all at once.

    .venv/bin/python bench/digest.py
    .venv/bin/python bench/digest.py --subscribers 2000   # quicker look

Last line: RESULT digest messages=<n> rate_ratio=<x> peak_mb=<n>
"""

import argparse
import gc
import os
import random
import smtplib
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SINK = """
import asyncio, sys
from aiosmtpd.controller import Controller

class Counter:
    count = 0
    async def handle_DATA(self, server, session, envelope):
        Counter.count += 1
        return "250 OK"

controller = Controller(Counter(), hostname="127.0.0.1", port=int(sys.argv[1]))
controller.start()
print("ready", flush=True)
sys.stdin.read()
controller.stop()
"""


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def setup_django(workdir: Path, port: int) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "hub.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["PASSERELLES_VAR_DIR"] = str(workdir)
    os.environ["EMAIL_URL"] = f"smtp://127.0.0.1:{port}"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def make_content(count: int, rng: random.Random):
    """Themes, a site, subscribers with varied topics and kinds, items on those themes."""
    from django.utils import timezone
    from wagtail.models import Page, Site

    from hub.models import HomePage, Theme
    from watch.collection.models import Item, Source

    root = Page.get_first_root_node()
    if not HomePage.objects.exists():
        home = root.add_child(instance=HomePage(title="Accueil", slug="accueil"))
        Site.objects.all().delete()
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    themes = [
        Theme.objects.get_or_create(name=name)[0]
        for name in [
            "Transition écologique", "Innovation", "Compétences et emploi", "Financement",
            "Numérique", "Europe", "Management",
        ]
    ]  # fmt: skip
    source = Source.objects.create(name="Source du banc", url="https://exemple.org/flux")
    now = timezone.now()
    for index in range(30):
        kind = Item.Kind.CALL if index % 3 == 0 else Item.Kind.NEWS
        item = Item.objects.create(
            source=source,
            kind=kind,
            status=Item.Status.ACCEPTED,
            title=f"Élément de veille n°{index} : un titre de longueur réaliste pour la lettre",
            url=f"https://exemple.org/veille/{index}",
            canonical_url=f"https://exemple.org/veille/{index}",
            content_hash=f"bench-{index}",
            summary_text="Un résumé de deux ou trois phrases, comme ceux que la rédaction écrit. "
            * 3,
            deadline=now + timezone.timedelta(days=5 + index) if kind == Item.Kind.CALL else None,
            accepted_at=now,
        )
        item.themes.set(rng.sample(themes, rng.randint(0, 2)))
    return themes


def add_subscribers(start: int, count: int, themes, rng: random.Random) -> None:
    from django.utils import timezone

    from watch.mailing.models import Subscriber

    through = Subscriber.themes.through
    now = timezone.now()
    for offset in range(start, start + count, 1000):
        batch = [
            Subscriber(
                email=f"abonne{index}@exemple.fr",
                name=rng.choice(["", "Camille", "Dominique", "Alex", "Sacha"]),
                status=Subscriber.Status.ACTIVE,
                confirmed_at=now,
                wants_calls=rng.random() < 0.9,
                wants_news=rng.random() < 0.8,
                rhythm="weekly",
            )
            for index in range(offset, min(offset + 1000, start + count))
        ]
        Subscriber.objects.bulk_create(batch)
        created = Subscriber.objects.filter(email__in=[s.email for s in batch]).values_list(
            "pk", flat=True
        )
        through.objects.bulk_create(
            [
                through(subscriber_id=pk, theme_id=theme.pk)
                for pk in created
                for theme in rng.sample(themes, rng.randint(0, 3))
            ]
        )


def make_digest():
    from django.utils import timezone

    from watch.collection.models import Item
    from watch.mailing.models import Digest, DigestEntry

    digest = Digest.objects.create(
        title="La veille de la semaine",
        period_start=timezone.now() - timezone.timedelta(days=7),
        period_end=timezone.now(),
        intro="<p>Bonjour à toutes et à tous, voici la sélection de la semaine.</p>",
    )
    for order, item in enumerate(Item.objects.order_by("pk")):
        section = "closing_soon" if item.kind == "call" else "news"
        DigestEntry.objects.create(digest=digest, section=section, item=item, sort_order=order)
    return digest


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1024 / 1024


class PeakRSS(threading.Thread):
    """Samples the resident memory every 20 ms (tracemalloc would slow the run several times)."""

    def __init__(self):
        super().__init__(daemon=True)
        self.peak = rss_mb()
        self.done = threading.Event()

    def run(self):
        while not self.done.wait(0.02):
            self.peak = max(self.peak, rss_mb())


def engine_run() -> tuple[int, float, float]:
    """(messages sent, seconds, peak resident MB) for one digest through the outbox engine."""
    from watch.mailing import sending as mailing

    digest = make_digest()
    gc.collect()
    sampler = PeakRSS()
    sampler.start()
    started = time.perf_counter()
    mailing.enqueue(digest)
    report = mailing.send_digest(digest.pk, batch_size=500)
    elapsed = time.perf_counter() - started
    sampler.done.set()
    sampler.join()
    return report.sent, elapsed, max(sampler.peak, rss_mb())


def prebuilt_messages(count: int = 100) -> list[tuple[str, bytes]]:
    """Real personalised digests of the last run, serialised beforehand (not timed)."""
    from watch.mailing.digests import DigestContent
    from watch.mailing.models import Digest, Subscriber
    from watch.mailing.sending import LinkMaker, _themes_of

    content = DigestContent(Digest.objects.latest("pk"))
    links = LinkMaker()
    subscribers = list(Subscriber.objects.order_by("pk")[:count])
    themes = _themes_of([s.pk for s in subscribers])
    messages = []
    for subscriber in subscribers:
        selection = content.select(themes.get(subscriber.pk, frozenset()), subscriber.kinds())
        if selection:
            message = content.message(
                subscriber.email, selection, name=subscriber.name, **links.links(subscriber)
            )
            messages.append((subscriber.email, message.message().as_bytes(linesep="\r\n")))
    return messages


def raw_run(count: int, port: int) -> float:
    """Seconds for raw smtplib to send `count` pre-built digests on one connection."""
    messages = prebuilt_messages()
    started = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port) as client:
        for index in range(count):
            to, data = messages[index % len(messages)]
            client.sendmail("lettre@passerelles.example", [to], data)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=10_000)
    args = parser.parse_args()
    rng = random.Random(8058)
    port = free_port()
    sink = subprocess.Popen(
        [sys.executable, "-c", SINK, str(port)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert sink.stdout.readline().strip() == "ready"
        with tempfile.TemporaryDirectory(prefix="bench-digest-") as tmp:
            setup_django(Path(tmp), port)
            themes = make_content(args.subscribers, rng)
            quarter = args.subscribers // 4
            add_subscribers(0, quarter, themes, rng)
            small_sent, small_seconds, small_peak = engine_run()
            print(
                f"engine, {quarter} subscribers: {small_sent} messages in {small_seconds:.1f} s "
                f"({small_sent / small_seconds:.0f}/s), peak {small_peak:.1f} MB"
            )
            add_subscribers(quarter, args.subscribers - quarter, themes, rng)
            # Forget what the first quarter received, or they would (rightly) get nothing new.
            from watch.mailing.models import OutboxMessage

            OutboxMessage.objects.filter(status="sent").update(entry_keys=[])
            sent, seconds, peak = engine_run()
            print(
                f"engine, {args.subscribers} subscribers: {sent} messages in {seconds:.1f} s "
                f"({sent / seconds:.0f}/s), peak {peak:.1f} MB"
            )
            raw_seconds = raw_run(sent, port)
            print(
                f"raw smtplib, {sent} pre-built messages: {raw_seconds:.1f} s "
                f"({sent / raw_seconds:.0f}/s)"
            )
            ratio = (sent / seconds) / (sent / raw_seconds)
            print(
                f"peak memory {small_peak:.1f} MB at {quarter} subscribers, "
                f"{peak:.1f} MB at {args.subscribers}"
            )
            print(f"RESULT digest messages={sent} rate_ratio={ratio:.2f} peak_mb={peak:.0f}")
    finally:
        sink.stdin.close()
        sink.wait(10)


if __name__ == "__main__":
    main()
