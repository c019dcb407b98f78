import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from hub.models import CustomDocument

pytestmark = pytest.mark.django_db


def test_documents_are_served_by_django_as_attachments(client, home):
    document = CustomDocument.objects.create(
        title="Guide", file=SimpleUploadedFile("guide.odt", b"PK\x03\x04 fake odt")
    )
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert "guide.odt" in response["Content-Disposition"]


def test_document_upload_refuses_extensions_outside_the_allow_list(admin_client):
    response = admin_client.post(
        "/admin/documents/add/",
        {
            "title": "Piège",
            "file": SimpleUploadedFile("piege.html", b"<script>alert(1)</script>"),
            "collection": 1,
        },
    )
    assert not CustomDocument.objects.filter(title="Piège").exists()
    assert response.status_code == 200
