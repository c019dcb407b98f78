"""The admin screens this project adds: French words in every listing cell, a menu that fits."""

import html
import os
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import SubmenuMenuItem, admin_menu

from hub.models import OutgoingEmail

pytestmark = pytest.mark.django_db

# Every listing this project adds to the Wagtail admin.
LISTINGS = [
    "wagtailsnippets_watch_item:list",
    "wagtailsnippets_watch_source:list",
    "watch_subscribers:index",
    "watch_digests:index",
    "wagtailsnippets_hub_outgoingemail:list",
    "events_registrations:index",
    "wagtailsnippets_events_venue:list",
    "mentoring_applications:index",
    "wagtailsnippets_mentoring_expertisedomain:list",
    "wagtailsnippets_members_memberprofile:list",
]
# Labels longer than this are cut off by the sidebar (200 px wide, icon included).
MENU_LABEL_MAX = 18
OUR_MENU_NAMES = {"veille", "lettre-de-veille", "inscriptions", "mentorat", "courriels-du-site"}


def _text(fragment: str) -> str:
    return html.unescape(" ".join(re.sub(r"<[^>]+>", " ", fragment).split()))


def listing_cells(page: str) -> list[list[str]]:
    """The data cells of the listing's table (the bulk-selection checkbox column left out)."""
    body = re.search(r'<table class="listing[^"]*".*?<tbody>(.*?)</tbody>', page, re.S)
    assert body, "no listing table"
    rows = []
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body.group(1), re.S):
        cells = re.findall(r"<td([^>]*)>(.*?)</td>", row, re.S)
        rows.append([_text(content) for attrs, content in cells if "bulk-action" not in attrs])
    return rows


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_superuser("redac", "redac@example.org", "secret")
    client.force_login(user)
    return client


def test_every_listing_speaks_french_and_leaves_no_cell_blank(editor_client):
    call_command("load_demo", "--no-user", stdout=open(os.devnull, "w"))  # noqa: SIM115
    OutgoingEmail.objects.create(
        key="test:1", category="events.confirmed", subject="Inscription confirmée", to=["a@b.fr"]
    )
    for name in LISTINGS:
        response = editor_client.get(reverse(name))
        assert response.status_code == 200, name
        rows = listing_cells(response.content.decode())
        assert rows, f"{name}: the demo should fill this listing"
        for row in rows:
            for cell in row:
                assert cell, f"{name}: a blank cell in {row}"
                assert not re.search(r"\b(True|False|None)\b", cell), f"{name}: {row}"
    sources = editor_client.get(reverse("wagtailsnippets_watch_source:list")).content.decode()
    assert re.search(r'class="w-status[^"]*">\s*(Oui|Non)\s*<', sources)
    outbox = editor_client.get(reverse("wagtailsnippets_hub_outgoingemail:list")).content.decode()
    (row,) = listing_cells(outbox)
    assert "Événement : inscription confirmée" in row and "events.confirmed" not in row


def _menu(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    for fn in hooks.get_hooks("construct_main_menu"):
        fn(request, [])
    return admin_menu.menu_items_for_request(request), request


def _walk(items, request, parent=None):
    for item in items:
        yield parent, item
        if isinstance(item, SubmenuMenuItem):
            yield from _walk(item.menu.menu_items_for_request(request), request, item)


def test_our_menu_entries_fit_the_sidebar_and_have_real_icons(admin_user):
    icons = set()
    for fn in hooks.get_hooks("register_icons"):
        icons = set(fn(list(icons)))
    known = {path.rsplit("/", 1)[-1].removesuffix(".svg") for path in icons}
    items, request = _menu(admin_user)
    ours = [
        (parent, item)
        for parent, item in _walk(items, request)
        if item.name in OUR_MENU_NAMES or (parent and parent.name in OUR_MENU_NAMES)
    ]
    assert {item.name for parent, item in ours if parent is None} == OUR_MENU_NAMES
    for _parent, item in ours:
        assert len(str(item.label)) <= MENU_LABEL_MAX, item.label
        assert item.icon_name in known, (item.label, item.icon_name)
        assert not item.icon_name.startswith("radio"), item.label  # a bare disc says nothing


def test_curation_queue_opens_on_items_to_review_and_can_show_all(admin_user, client):
    from tests.watch.factories import ItemFactory
    from watch.collection.models import Item

    ItemFactory(title="Encore à examiner")
    ItemFactory(title="Déjà acceptée", status=Item.Status.ACCEPTED)
    items, request = _menu(admin_user)
    (queue,) = [
        item for parent, item in _walk(items, request) if str(item.label) == "File de veille"
    ]
    client.force_login(admin_user)
    page = client.get(queue.url).content.decode()
    assert "Encore à examiner" in page and "Déjà acceptée" not in page
    assert re.search(r'value="new"[^>]*checked', page)  # the filter says what is shown
    everything = client.get(queue.url.split("?")[0], {"status": ""}).content.decode()
    assert "Encore à examiner" in everything and "Déjà acceptée" in everything
    assert ">\n Tous</label>" in everything or "Tous</label>" in everything
