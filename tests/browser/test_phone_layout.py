"""On a phone the header folds its search and menu behind « Menu », and listing filters fold
behind « Filtrer »; on a wide screen both stay open."""

import pytest

from hub.models import StandardPage
from tests.browser.conftest import DESKTOP, MOBILE
from tests.browser.helpers import is_focused, tab_to
from tests.resources.factories import ResourceIndexPageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SECTIONS = [
    "Le cluster",
    "Annuaire des structures",
    "Mentorat entre pairs : le maillage régional des savoir-faire",
    "Agenda",
    "Appels à projets",
    "Veille",
    "Lettre de veille",
]


@pytest.fixture
def site(home):
    for number, title in enumerate(SECTIONS):
        page = StandardPage(title=title, slug=f"rubrique-{number}", show_in_menus=True)
        if title.startswith("Mentorat"):
            page.menu_title = "Mentorat"
        home.add_child(instance=page)
    index = ResourceIndexPageFactory(parent=home, show_in_menus=True)
    return index


def test_phone_menu_opens_and_closes_with_the_keyboard(live_server, page, site):
    page.set_viewport_size(MOBILE)
    page.goto(live_server.url + "/")
    toggle = page.get_by_role("button", name="Menu")
    menu = page.locator("#main-nav-list")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not menu.is_visible() and not page.locator("#site-search").is_visible()
    # Closed, the header leaves the screen to the content; account and language stay in view.
    assert page.locator(".site-header").bounding_box()["height"] <= 150
    assert page.get_by_role("link", name="Espace membres").is_visible()

    tab_to(page, toggle)
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert menu.is_visible() and page.locator("#site-search").is_visible()
    assert menu.get_by_role("link", name="Mentorat", exact=True).is_visible()

    page.keyboard.press("Tab")  # into the search box, then Escape: closed, focus on the button
    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false" and not menu.is_visible()
    assert is_focused(toggle)
    page.keyboard.press("Space")
    assert toggle.get_attribute("aria-expanded") == "true"


def test_wide_screen_shows_the_menu_on_one_line_with_no_button(live_server, page, site):
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + "/")
    assert not page.locator(".menu-toggle").is_visible()
    links = page.locator("#main-nav-list a")
    tops = {round(box["y"]) for box in (link.bounding_box() for link in links.all())}
    assert links.count() == len(SECTIONS) + 1 and len(tops) == 1
    assert page.locator("#site-search").is_visible()


def test_listing_filters_fold_on_a_phone_and_stay_open_on_a_wide_screen(live_server, page, site):
    page.set_viewport_size(MOBILE)
    page.goto(live_server.url + site.url)
    disclosure = page.locator("details.filters-disclosure")
    assert disclosure.evaluate("details => details.open") is False
    assert not page.get_by_label("Mots recherchés").is_visible()
    summary = disclosure.locator("summary")
    summary.focus()
    page.keyboard.press("Enter")
    assert page.get_by_label("Mots recherchés").is_visible()

    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + site.url)
    assert disclosure.evaluate("details => details.open") is True
    assert not summary.is_visible() and page.get_by_label("Mots recherchés").is_visible()
