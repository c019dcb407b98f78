"""Helpers for idempotent demo loaders: create or update pages and snippets by slug."""

from wagtail.models import Page

from hub.models import HomePage


def tree_root() -> Page:
    """The tree's root page; recreated (with the default locale) if a database flush removed it."""
    from django.conf import settings
    from wagtail.models import Locale

    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    return Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))


def home_page() -> HomePage:
    return HomePage.objects.get()


def upsert_page(parent: Page, model, slug: str, **fields) -> Page:
    """Create the child page `slug` of `parent`, or update it, then publish it."""
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is None:
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
    else:
        page = existing
        for name, value in fields.items():
            setattr(page, name, value)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def paragraph(html: str) -> dict:
    return {"type": "paragraph", "value": html}


def heading(text: str, level: str = "h2") -> dict:
    return {"type": "heading", "value": {"text": text, "level": level}}


def callout(text_html: str, title: str = "", kind: str = "info") -> dict:
    return {"type": "callout", "value": {"kind": kind, "title": title, "text": text_html}}


def table(caption: str, headings: list[str], rows: list[list[str]]) -> dict:
    """A TypedTableBlock value of text columns."""
    return {
        "type": "table",
        "value": {
            "caption": caption,
            "columns": [{"type": "text", "heading": text} for text in headings],
            "rows": [{"values": values} for values in rows],
        },
    }


def faq(items: list[tuple[str, str]], title: str = "Questions fréquentes") -> dict:
    return {
        "type": "faq",
        "value": {
            "title": title,
            "items": [{"question": question, "answer": answer} for question, answer in items],
        },
    }


def odt_bytes(title: str, paragraphs: list[str]) -> bytes:
    """A minimal OpenDocument text (opens in LibreOffice and Word): a title and paragraphs."""
    import zipfile
    from io import BytesIO
    from xml.sax.saxutils import escape

    body = f'<text:h text:outline-level="1">{escape(title)}</text:h>' + "".join(
        f"<text:p>{escape(text)}</text:p>" for text in paragraphs
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">'
        f"<office:body><office:text>{body}</office:text></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
        ' manifest:version="1.3">'
        '<manifest:file-entry manifest:full-path="/"'
        ' manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        # The mimetype entry comes first and uncompressed, as the format requires.
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()
