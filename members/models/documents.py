"""The document library of a workspace: documents with versions, in private storage."""

import os
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.translation import gettext_lazy as _

from members.models.moderation import Moderated


class PrivateStorage(FileSystemStorage):
    """Files under MEMBERS_FILES_ROOT (outside MEDIA_ROOT) and without any URL: only the
    authorised download view reads them. The folder is read at each use (tests change it)."""

    @property
    def base_location(self):
        return str(settings.MEMBERS_FILES_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None


_private_storage = PrivateStorage()


def private_storage() -> PrivateStorage:
    return _private_storage


def version_path(instance, filename: str) -> str:
    # Unguessable, and without the person's file name (kept in the database for downloads).
    return f"workspaces/{instance.document.workspace_id}/{uuid.uuid4().hex}"


class Document(Moderated):
    """A shared document; its versions keep who uploaded what, when."""

    workspace = models.ForeignKey(
        "members.Workspace", on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("titre"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    work_package = models.ForeignKey(
        "members.WorkPackage",
        verbose_name=_("lot de travail"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
    )
    latest_version = models.ForeignKey(
        "members.DocumentVersion", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("ajouté le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("mis à jour le"), db_index=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["workspace", "-updated_at"])]

    def __str__(self) -> str:
        return self.title


class DocumentVersion(Moderated):
    """One uploaded file of a document."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(storage=private_storage, upload_to=version_path, max_length=200)
    original_name = models.CharField(_("nom du fichier"), max_length=255)
    size = models.PositiveBigIntegerField(_("taille"))
    content_type = models.CharField(max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_by_name = models.CharField(_("déposé par"), max_length=200)
    uploaded_at = models.DateTimeField(_("déposé le"), auto_now_add=True)
    comment = models.CharField(_("ce qui change"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="members_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"
