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
    """The French home page (the English one is its translation, demo/english.py)."""
    from django.conf import settings

    return HomePage.objects.get(locale__language_code=settings.LANGUAGE_CODE)


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
