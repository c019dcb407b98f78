"""Benchmark: ranking the candidate mentors of one seeker among 500, then 5,000 mentors.

Runs on a temporary SQLite database (or DATABASE_URL). Two programmes are filled with random
but believable mentors (domains, territories, sectors, hours, formats, capacities); the same
seeker is ranked in each. Prints the queries and the median time of each ranking; last line:
RESULT matching queries=<n> time_ratio_5000_500=<x>
(queries must not grow with the mentors; the ratio should stay at or below 10, linear time).
"""

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.base")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("EMAIL_URL", "memory://")
os.environ.setdefault("PASSERELLES_VAR_DIR", tempfile.mkdtemp(prefix="passerelles-bench-"))
if not os.environ.get("DATABASE_URL"):
    os.environ["DATABASE_URL"] = f"sqlite:///{os.environ['PASSERELLES_VAR_DIR']}/bench.sqlite3"

SIZES = (500, 5000)
RUNS = 7
DOMAINS = [f"Domaine {n}" for n in range(12)]
TERRITORIES = [f"Territoire {n}" for n in range(10)]
SECTORS = [f"Filière {n}" for n in range(8)]


def _fill(programme, count: int, rng: random.Random, taxonomy: dict) -> None:
    from django.utils import timezone

    from resources.mentoring.choices import Format, Kind
    from resources.mentoring.models import CONSENT_VERSION, Application

    now = timezone.now()
    mentors = Application.objects.bulk_create(
        [
            Application(
                programme=programme,
                kind=Kind.OFFER,
                name=f"Mentor {n}",
                email=f"mentor{n}-{programme.pk}@bench.test",
                structure=f"Structure {n}",
                role="Administratrice",
                territory=rng.choice(taxonomy["territories"]),
                hours_per_month=rng.randint(1, 8),
                format=rng.choice(Format.values),
                capacity=rng.randint(1, 3),
                consent_version=CONSENT_VERSION,
                consented_at=now,
            )
            for n in range(count)
        ]
    )
    domain_links, sector_links = Application.domains.through, Application.sectors.through
    domain_links.objects.bulk_create(
        [
            domain_links(application_id=mentor.pk, expertisedomain_id=domain.pk)
            for mentor in mentors
            for domain in rng.sample(taxonomy["domains"], rng.randint(1, 3))
        ]
    )
    sector_links.objects.bulk_create(
        [
            sector_links(application_id=mentor.pk, sector_id=sector.pk)
            for mentor in mentors
            for sector in rng.sample(taxonomy["sectors"], rng.randint(0, 2))
        ]
    )


def _seeker(programme, taxonomy):
    from django.utils import timezone

    from resources.mentoring.choices import Format, Kind
    from resources.mentoring.models import CONSENT_VERSION, Application

    seeker = Application.objects.create(
        programme=programme,
        kind=Kind.SEEK,
        name="Inès Robert",
        email=f"ines-{programme.pk}@bench.test",
        structure="Compagnie des Volcans",
        role="Chargée d'administration",
        territory=taxonomy["territories"][0],
        hours_per_month=4,
        format=Format.EITHER,
        consent_version=CONSENT_VERSION,
        consented_at=timezone.now(),
    )
    seeker.domains.set(taxonomy["domains"][:3])
    seeker.sectors.set(taxonomy["sectors"][:1])
    return seeker


def main() -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Page

    from hub.models import Sector, Territory
    from resources.mentoring.matching import candidates_for
    from resources.mentoring.models import (
        ExpertiseDomain,
        MentoringProgrammePage,
        TerritoryNeighbours,
    )

    call_command("migrate", verbosity=0)
    rng = random.Random(13)
    taxonomy = {
        "domains": [ExpertiseDomain.objects.get_or_create(name=n)[0] for n in DOMAINS],
        "territories": [Territory.objects.get_or_create(name=n)[0] for n in TERRITORIES],
        "sectors": [Sector.objects.get_or_create(name=n)[0] for n in SECTORS],
    }
    for a, b in zip(taxonomy["territories"], taxonomy["territories"][1:], strict=False):
        TerritoryNeighbours.objects.get_or_create(territory=a, neighbour=b)
    root = Page.get_first_root_node()
    seekers = {}
    for size in SIZES:
        programme = MentoringProgrammePage(title=f"Bench {size}", slug=f"bench-{size}")
        root.add_child(instance=programme)
        _fill(programme, size, rng, taxonomy)
        seekers[size] = _seeker(programme, taxonomy)
        candidates_for(seekers[size])  # warm up
    # Sizes alternate round after round, so a slow moment of the machine weighs on both alike.
    timings = {size: [] for size in SIZES}
    results = {}
    for _ in range(RUNS):
        for size in SIZES:
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                ranked = candidates_for(seekers[size])
                timings[size].append(time.perf_counter() - start)
            results[size] = (len(queries.captured_queries), len(ranked))
    for size in SIZES:
        results[size] = (results[size][0], statistics.median(timings[size]), results[size][1])
        print(
            f"{size} mentors: {results[size][0]} queries, "
            f"{results[size][1] * 1000:.1f} ms (median of {RUNS}), {results[size][2]} candidates"
        )
    small, large = results[SIZES[0]], results[SIZES[1]]
    if small[0] != large[0]:
        print(f"queries grew with the mentors: {small[0]} -> {large[0]}")
    ratio = large[1] / small[1]
    print(f"RESULT matching queries={large[0]} time_ratio_5000_500={ratio:.2f}")


if __name__ == "__main__":
    main()
