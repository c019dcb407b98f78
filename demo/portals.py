"""Demo sources of the portal kinds: European calls, Aides-territoires, and a relay's feed.

No network: the recorded API answers in `demo/data/portals/` go through the same mapping
as a real fetch (`portals.read.records_from_pages`), then dedupe and storage. The relay's feed
repeats a European call, which stays one item with the portal's facts. Safe to run again.
"""

import json

from django.utils import timezone

from demo.watch import DATA as SAMPLES
from demo.watch import store_as_fetched
from watch.collection.models import Item, Source
from watch.collection.parse import parse
from watch.collection.portals.read import records_from_pages
from watch.collection.themes import theme_patterns

DATA = SAMPLES / "portals"

SOURCES = [
    {
        "name": "Portail européen — Europe créative, Horizon cluster 2, Erasmus+, CERV",
        "url": "https://api.tech.ec.europa.eu/search-api/prod/rest/search",
        "kind": Source.Kind.EU_FUNDING,
        "filters": {
            "programmes": ["CREA", "HORIZON-CL2", "ERASMUS", "CERV"],
            "statuses": ["open", "forthcoming"],
        },
        "pages": ["eu-funding/search-page-1.json", "eu-funding/search-page-2.json"],
    },
    {
        "name": "Aides-territoires — culture en Auvergne-Rhône-Alpes",
        "url": "https://aides-territoires.beta.gouv.fr/api/",
        "kind": Source.Kind.AIDES_TERRITOIRES,
        "filters": {
            "categories": ["culture"],
            "audiences": ["association", "private_sector"],
            "perimeter": "70973-auvergne-rhone-alpes",
        },
        "pages": ["aides-territoires/aids-page-1.json", "aides-territoires/aids-page-2.json"],
    },
    {
        "name": "Relais Europe créative — actualités",
        "url": "https://relais-europe-creative.example.fr/actualites/feed.rss",
        "kind": Source.Kind.FEED,
        "file": "relais-culture-europe.rss",
    },
]
# Left in the queue so the admin shows a European call to curate.
LEFT_FOR_REVIEW = {"Civil dialogue and citizens' engagement"}


def load(stdout) -> None:
    patterns = theme_patterns()
    now = timezone.now()
    for spec in SOURCES:
        source, _created = Source.objects.update_or_create(
            name=spec["name"],
            defaults={
                "url": spec["url"],
                "kind": spec["kind"],
                "publishes": Source.Publishes.CALLS if "pages" in spec else Source.Publishes.MIXED,
                "portal_filters": spec.get("filters", {}),
                "active": False,
            },
        )
        if "pages" in spec:
            pages = (json.loads((DATA / name).read_bytes()) for name in spec["pages"])
            result = records_from_pages(
                spec["kind"], pages, spec["filters"], spec["url"], now=now,
                theme_patterns=patterns,
            )  # fmt: skip
        else:
            body = (DATA / spec["file"]).read_bytes()
            result = parse("feed", body, {}, spec["url"], theme_patterns=patterns)
        store_as_fetched(source, result, now, stdout)
    waiting = Item.objects.filter(
        status=Item.Status.NEW, source__name__in=[spec["name"] for spec in SOURCES]
    ).exclude(title__in=LEFT_FOR_REVIEW)
    Item.accept_in_bulk(list(waiting.values_list("pk", flat=True)), now=now)
