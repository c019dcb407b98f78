"""Coordinators (and editors) hide, restore and remove posts, and remove documents or versions.

Hiding is reversible: the post stays in the database, members see a placeholder. Removing is not:
the post's text or the document's files are erased (files once the transaction commits), the
row stays to say who removed it and when. Either way the post's stored notifications go too.
"""

from django.db import transaction
from django.utils import timezone

from hub import outbox
from members.models import Document, DocumentVersion, ModerationState, Post
from members.threads import author_name


def _mark(item, state: str, by, reason: str = "") -> None:
    item.moderation = state
    item.moderated_at = timezone.now()
    item.moderated_by = by
    item.moderated_by_name = author_name(by)
    item.moderation_reason = reason


def _forget_notifications(post: Post) -> None:
    outbox.forget(f"members:post:{post.pk}:")


@transaction.atomic
def hide_post(post: Post, by, reason: str) -> None:
    _mark(post, ModerationState.HIDDEN, by, reason)
    post.save()
    _forget_notifications(post)


@transaction.atomic
def restore_post(post: Post, by) -> None:
    _mark(post, ModerationState.VISIBLE, by)
    post.save()


@transaction.atomic
def remove_post(post: Post, by, reason: str = "") -> None:
    _mark(post, ModerationState.REMOVED, by, reason)
    post.body = ""
    post.save()
    _forget_notifications(post)


def _delete_files(versions: list[DocumentVersion]) -> None:
    names = [version.file.name for version in versions if version.file]
    storage = DocumentVersion._meta.get_field("file").storage

    def delete():
        for name in names:
            storage.delete(name)

    transaction.on_commit(delete)


@transaction.atomic
def remove_document(document: Document, by, reason: str = "") -> None:
    """The document and all its versions: out of every list, search and download."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    versions = list(document.versions.visible())
    for version in versions:
        _mark(version, ModerationState.REMOVED, by, reason)
        version.save()
    _mark(document, ModerationState.REMOVED, by, reason)
    document.latest_version = None
    document.description = ""
    document.save()
    _delete_files(versions)


@transaction.atomic
def remove_version(version: DocumentVersion, by, reason: str = "") -> None:
    """One version; the document falls back on its latest remaining one (or goes with it)."""
    document = Document.objects.select_for_update().get(pk=version.document_id)
    remaining = document.versions.visible().exclude(pk=version.pk).order_by("-number").first()
    if remaining is None:
        remove_document(document, by, reason)
        return
    _mark(version, ModerationState.REMOVED, by, reason)
    version.save()
    document.latest_version = remaining
    document.save(update_fields=["latest_version"])
    _delete_files([version])
