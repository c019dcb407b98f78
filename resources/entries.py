"""Keeps `ResourceEntry` (the index's table) and the search index's filter tokens in step.

A page's full save (creation, publication) rewrites its entry; a draft saved as a revision only
touches a few page columns (`update_fields`) and leaves the published entry alone.

Search indexing of resource pages is done here too (they opt out of Wagtail's automatic
indexing): Wagtail reads the page's taxonomy (parental many-to-many) from the database while
the page is being saved, before it is written, and the index would keep the themes of the
previous version, along with the filter tokens made of them (see `resources.filter_tokens`).
A full save (creation, publication) is indexed from the page's values in memory; a partial
save (a draft revision, an unpublication) from the database, which holds the live version; a
move re-indexes the moved subtree, whose paths have changed.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.search import index
from wagtail.search.backends import get_search_backends
from wagtail.signals import post_page_move

from resources.filter_tokens import TAXONOMY_FIELDS
from resources.models import RESOURCE_PAGE_MODELS, ResourceEntry


def sync_entry(page) -> ResourceEntry:
    """Create or update the entry of one resource page from its current values."""
    entry, _ = ResourceEntry.objects.update_or_create(
        page_id=page.pk,
        defaults={
            "kind": page.resource_kind,
            "publication_date": page.publication_date,
            "summary": page.summary,
            "image_id": page.image_id,
        },
    )
    for name in TAXONOMY_FIELDS:
        # Parental many-to-many values are still in memory at post_save: read them from there.
        getattr(entry, name).set([term.pk for term in getattr(page, name).all()])
    return entry


def _on_page_saved(sender, instance, created, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    if update_fields is not None:
        # The instance may hold a draft's values: index what the database says is live.
        reindex_pages([instance.pk], models=[sender])
        return
    sync_entry(instance)
    for backend in get_search_backends(with_auto_update=True):
        backend.add(instance)


def _on_page_deleted(sender, instance, **kwargs):
    index.remove_object(instance)


def reindex_pages(page_ids, models=RESOURCE_PAGE_MODELS) -> None:
    """Index resource pages again (in bulk, per type), with their current taxonomy and path.

    `page_ids`: a list of ids or a `values("pk")` queryset of pages; `models`: the resource
    page types they may be.
    """
    for model in models:
        objects = list(model.objects.filter(pk__in=page_ids).prefetch_related(*TAXONOMY_FIELDS))
        if objects:
            for backend in get_search_backends(with_auto_update=True):
                backend.add_bulk(model, objects)


def _on_page_moved(sender, instance, **kwargs):
    moved = Page.objects.get(pk=instance.pk)
    reindex_pages(Page.objects.descendant_of(moved, inclusive=True).values("pk"))


def connect_signals() -> None:
    for model in RESOURCE_PAGE_MODELS:
        post_save.connect(_on_page_saved, sender=model, dispatch_uid=f"resource-entry-{model}")
        post_delete.connect(
            _on_page_deleted, sender=model, dispatch_uid=f"resource-unindex-{model}"
        )
    # Any page may be moved with resources below it (a resource index page, for one).
    post_page_move.connect(_on_page_moved, dispatch_uid="resource-reindex-on-move")


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
