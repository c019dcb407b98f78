"""An editor logs into the Wagtail admin, publishes a guide and curates the watch queue."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from resources.models import GuidePage
from tests.browser.conftest import save_screenshot
from tests.resources.factories import ResourceIndexPageFactory
from tests.watch.factories import ItemFactory
from watch.collection.models import Item

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"  # noqa: S105 - a test account on a test server


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser(
        "claire", "claire@passerelles.test", PASSWORD, first_name="Claire"
    )


def log_in(page, live_server):
    page.goto(live_server.url + "/admin/")
    page.locator("#id_username").fill("claire")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="S'identifier").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_editor_creates_and_publishes_a_guide(live_server, page, editor, home):
    index = ResourceIndexPageFactory(parent=home)
    log_in(page, live_server)
    page.goto(f"{live_server.url}/admin/pages/add/resources/guidepage/{index.pk}/")
    page.get_by_role("textbox", name=re.compile("^Titre")).first.fill("Accueillir un public sourd")
    page.get_by_label(re.compile("^Résumé")).fill("Interprétariat, boucle magnétique, sous-titres.")
    page.locator("footer .w-dropdown-button .w-dropdown__toggle").first.click()
    page.locator('button[name="action-publish"]').click()
    expect(page.locator(".messages")).to_contain_text("publiée")

    guide = GuidePage.objects.live().get(title="Accueillir un public sourd")
    page.goto(live_server.url + guide.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Accueillir un public sourd")
    page.goto(live_server.url + index.url)
    expect(page.get_by_role("link", name="Accueillir un public sourd")).to_be_visible()


def test_editor_accepts_and_rejects_items_in_the_curation_queue(live_server, page, editor, home):
    keep = ItemFactory(title="Appel à projets Culture et numérique")
    drop = ItemFactory(title="Promotion sur les imprimantes")
    log_in(page, live_server)

    page.get_by_role("button", name="Veille", exact=True).click()
    page.get_by_role("link", name="File de veille", exact=True).click()
    expect(page.get_by_role("link", name=keep.title)).to_be_visible()
    save_screenshot(page, "admin-curation-queue-desktop")

    for item, action, message in ((keep, "Accepter", "accepté"), (drop, "Refuser", "refusé")):
        page.get_by_role("row", name=re.compile(item.title)).get_by_role("checkbox").check()
        footer = page.locator("[data-bulk-action-footer]")
        footer.locator("[data-bulk-action-button]").filter(
            has_text=re.compile(rf"^\s*{action}\s*$")
        ).click()
        page.get_by_role("button", name="Oui, confirmer").click()
        expect(page.locator(".messages")).to_contain_text(f"1 élément {message}")

    keep.refresh_from_db()
    drop.refresh_from_db()
    assert keep.status == Item.Status.ACCEPTED and keep.accepted_at is not None
    assert drop.status == Item.Status.REJECTED
