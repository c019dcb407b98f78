"""One call found through a portal and through a feed or a page is one item with the richest
facts: the portal's identifier, dates, budget… complete what a relay's news said."""

from __future__ import annotations

from watch.collection.models import Item
from watch.collection.parse import Record
from watch.collection.portals import facts


def dates_from_portal(item: Item, record: Record) -> bool:
    """The item's dates came from a portal and `record` (a feed or a page) has none as good."""
    return bool(item.facts) and not record.facts


def keep_richest_facts(records: list[Record], source) -> list[Item]:
    """Give items of other sources, found again by canonical URL, the facts of `records` when
    they say more; an editor's deadline stays. Returns the items changed."""
    records = [record for record in records if record.facts]
    if not records:
        return []
    by_url = {record.canonical_url: record for record in records}
    changed = []
    for item in (
        Item.objects.filter(canonical_url__in=by_url)
        .exclude(source=source)
        .only(
            "id",
            "canonical_url",
            "facts",
            "opens_at",
            "deadline",
            "permanent",
            "status",
            "deadline_locked",
        )
    ):
        record = by_url[item.canonical_url]
        if facts.richness(record.facts) <= facts.richness(item.facts):
            continue
        item.facts, item.opens_at, item.permanent = record.facts, record.opens_at, record.permanent
        if not item.deadline_locked:
            item.deadline = record.deadline
        changed.append(item)
    Item.objects.bulk_update(changed, ["facts", "opens_at", "permanent", "deadline"])
    return changed
