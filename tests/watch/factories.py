"""Factories of the watch's collection side: sources and items."""

import factory
from django.utils import timezone

from watch.collection.models import Item, Source


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    name = factory.Sequence(lambda n: f"Source {n}")
    url = factory.Sequence(lambda n: f"https://source{n}.example.org/flux.xml")
    kind = Source.Kind.FEED
    publishes = Source.Publishes.MIXED


class ItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Item

    source = factory.SubFactory(SourceFactory)
    kind = Item.Kind.NEWS
    status = Item.Status.NEW
    title = factory.Sequence(lambda n: f"Élément de veille {n}")
    url = factory.Sequence(lambda n: f"https://example.org/veille/{n}")
    canonical_url = factory.LazyAttribute(lambda item: item.url)
    content_hash = factory.Sequence(lambda n: f"hash-{n}")
    summary_html = "<p>Un résumé.</p>"
    summary_text = "Un résumé."
    published_at = factory.LazyFunction(timezone.now)


class CallFactory(ItemFactory):
    kind = Item.Kind.CALL
    status = Item.Status.ACCEPTED
    accepted_at = factory.LazyFunction(timezone.now)


def rss_feed(number: int, items: int = 3) -> str:
    """A small RSS feed whose items are unique to feed `number` (calls with a deadline)."""
    entries = "".join(
        f"<item><title>Appel {number}-{index} : aide à la création</title>"
        f"<link>https://source{number}.example.org/appels/{index}</link>"
        f"<guid>source{number}-appel-{index}</guid>"
        f"<description>Date limite : 15 janvier 2027.</description>"
        f"<pubDate>Mon, 16 Nov 2026 09:00:00 +0100</pubDate></item>"
        for index in range(items)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Source {number}</title><link>https://source{number}.example.org/</link>"
        f"<description>Veille</description>{entries}</channel></rss>"
    )
