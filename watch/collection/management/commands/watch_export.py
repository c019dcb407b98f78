"""Export every watch item as JSON lines (one object per item)."""

import json

from django.core.management.base import BaseCommand
from django.utils import timezone

from watch.collection.models import Item


def item_record(item: Item, now) -> dict:
    return {
        "source": item.source.name,
        "title": item.display_title,
        "url": item.canonical_url,
        "kind": item.kind,
        "deadline": timezone.localtime(item.deadline).date().isoformat() if item.deadline else None,
        "permanent": item.permanent,
        "closed": item.deadline is not None and item.deadline < now,
        "summary_html": item.display_summary_html,
        "themes": [theme.name for theme in item.themes.all()],
        "published": item.published_at.isoformat() if item.published_at else None,
        "status": item.status,
    }


class Command(BaseCommand):
    help = "Exporte les éléments de veille, un objet JSON par ligne."

    def add_arguments(self, parser):
        parser.add_argument("--status", choices=[choice for choice, _label in Item.Status.choices])
        parser.add_argument("--kind", choices=[choice for choice, _label in Item.Kind.choices])

    def handle(self, *args, **options):
        items = Item.objects.select_related("source").prefetch_related("themes").order_by("id")
        if options["status"]:
            items = items.filter(status=options["status"])
        if options["kind"]:
            items = items.filter(kind=options["kind"])
        now = timezone.now()
        for item in items.iterator(chunk_size=500):
            self.stdout.write(json.dumps(item_record(item, now), ensure_ascii=False))
