"""Keeps `ResourceEntry` (the index's table) in step with resource pages.

A page's full save (creation, publication) rewrites its entry; a draft saved as a revision only
touches a few page columns (`update_fields`) and leaves the published entry alone.
"""

from django.db import transaction
from django.db.models.signals import post_save

from resources.models import RESOURCE_PAGE_MODELS, ResourceEntry

TAXONOMY_FIELDS = ("themes", "audiences", "sectors", "territories")


def sync_entry(page) -> ResourceEntry:
    """Create or update the entry of one resource page from its current values."""
    entry, _ = ResourceEntry.objects.update_or_create(
        page_id=page.pk,
        defaults={
            "kind": page.resource_kind,
            "publication_date": page.publication_date,
            "summary": page.summary,
        },
    )
    for name in TAXONOMY_FIELDS:
        # Parental many-to-many values are still in memory at post_save: read them from there.
        getattr(entry, name).set([term.pk for term in getattr(page, name).all()])
    return entry


def _on_page_saved(sender, instance, created, raw=False, update_fields=None, **kwargs):
    if raw or update_fields is not None:
        return
    sync_entry(instance)


def connect_signals() -> None:
    for model in RESOURCE_PAGE_MODELS:
        post_save.connect(_on_page_saved, sender=model, dispatch_uid=f"resource-entry-{model}")


@transaction.atomic
def rebuild_entries(batch_size: int = 2000) -> int:
    """Rebuild every entry in bulk (after an import, or when in doubt); returns the count."""
    ResourceEntry.objects.all().delete()
    total = 0
    for model in RESOURCE_PAGE_MODELS:
        pages = list(model.objects.only("pk", "publication_date", "summary"))
        ResourceEntry.objects.bulk_create(
            [
                ResourceEntry(
                    page_id=page.pk,
                    kind=model.resource_kind,
                    publication_date=page.publication_date,
                    summary=page.summary,
                )
                for page in pages
            ],
            batch_size=batch_size,
        )
        for name in TAXONOMY_FIELDS:
            page_through = model._meta.get_field(name).remote_field.through
            page_relation = model._meta.get_field(name)
            entry_relation = ResourceEntry._meta.get_field(name)
            entry_through = entry_relation.remote_field.through
            rows = page_through.objects.values_list(
                page_relation.m2m_column_name(), page_relation.m2m_reverse_name()
            )
            entry_through.objects.bulk_create(
                [
                    entry_through(
                        **{
                            entry_relation.m2m_column_name(): page_id,
                            entry_relation.m2m_reverse_name(): term_id,
                        }
                    )
                    for page_id, term_id in rows.iterator()
                ],
                batch_size=batch_size,
            )
        total += len(pages)
    return total
