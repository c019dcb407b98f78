"""The document library: what may be uploaded, new documents and versions, safe downloads."""

import mimetypes
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import Document, DocumentVersion, Workspace
from members.threads import author_name


def check_upload(upload) -> None:
    """Refuse, in French, a file of a type not on the list or bigger than allowed."""
    extension = PurePath(upload.name).suffix.lower().lstrip(".")
    allowed = settings.MEMBERS_DOCUMENT_EXTENSIONS
    if extension not in allowed:
        raise ValidationError(
            _("Ce type de fichier n’est pas accepté (« %(ext)s »). Types acceptés : %(list)s.")
            % {"ext": extension or _("sans extension"), "list": ", ".join(allowed)},
            code="extension",
        )
    if upload.size > settings.MEMBERS_DOCUMENT_MAX_SIZE:
        raise ValidationError(
            _("Ce fichier pèse %(size)s : la limite est de %(max)s.")
            % {
                "size": filesizeformat(upload.size),
                "max": filesizeformat(settings.MEMBERS_DOCUMENT_MAX_SIZE),
            },
            code="size",
        )


@transaction.atomic
def add(workspace: Workspace, user, upload, *, title: str, description="", work_package=None):
    document = Document.objects.create(
        workspace=workspace,
        title=title,
        description=description,
        work_package=work_package,
        updated_at=timezone.now(),
    )
    add_version(document, user, upload)
    document.refresh_from_db()
    return document


@transaction.atomic
def add_version(document: Document, user, upload, comment: str = "") -> DocumentVersion:
    document = Document.objects.select_for_update().get(pk=document.pk)
    number = (document.latest_version.number if document.latest_version else 0) + 1
    version = DocumentVersion(
        document=document,
        number=number,
        original_name=PurePath(upload.name).name[:255],
        size=upload.size,
        content_type=mimetypes.guess_type(upload.name)[0] or "application/octet-stream",
        uploaded_by=user,
        uploaded_by_name=author_name(user),
        comment=comment,
    )
    version.file.save("upload", upload, save=False)
    version.save()
    document.latest_version = version
    document.updated_at = version.uploaded_at
    document.save(update_fields=["latest_version", "updated_at"])
    return version


def download(version: DocumentVersion) -> FileResponse:
    """Always an attachment (never rendered by the browser), under the uploader's file name
    (FileResponse encodes it safely in Content-Disposition), never cached by a proxy."""
    response = FileResponse(
        version.file.open("rb"),
        as_attachment=True,
        filename=version.original_name,
        content_type=version.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def upload_help() -> str:
    return _("Types acceptés : %(list)s. %(max)s au plus.") % {
        "list": ", ".join(settings.MEMBERS_DOCUMENT_EXTENSIONS),
        "max": filesizeformat(settings.MEMBERS_DOCUMENT_MAX_SIZE),
    }
