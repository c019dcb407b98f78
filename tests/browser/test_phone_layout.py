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


def test_phone_menu_stays_open_without_javascript(live_server, browser, site):
    context = browser.new_context(viewport=MOBILE, locale="fr-FR", java_script_enabled=False)
    tab = context.new_page()
    tab.goto(live_server.url + "/")
    assert not tab.locator(".menu-toggle").is_visible()
    assert tab.locator("#main-nav-list").is_visible() and tab.locator("#site-search").is_visible()
    context.close()


def test_phone_menu_is_folded_before_its_script_runs_with_no_jump_after(live_server, page, site):
    """The inline script of base.html folds the menu at the first paint; site-menu.js, held back
    here, only makes the button work: the header keeps its height when it comes."""
    held = []
    page.route("**/site-menu.js", lambda route: held.append(route))
    page.set_viewport_size(MOBILE)
    page.goto(live_server.url + site.url, wait_until="commit")
    toggle = page.locator(".menu-toggle")
    toggle.wait_for(state="visible")
    assert not page.locator("#main-nav-list").is_visible()
    assert not page.get_by_label("Mots recherchés").is_visible()  # filters folded too
    height = page.locator(".site-header").bounding_box()["height"]
    assert held, "site-menu.js was requested"

    held[0].continue_()
    page.locator("html[data-menu=ready]").wait_for(state="attached")
    assert page.locator(".site-header").bounding_box()["height"] == height
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert page.locator("#main-nav-list").is_visible()


def test_phone_menu_unfolds_at_load_when_its_script_fails(live_server, page, site):
    page.route("**/site-menu.js", lambda route: route.abort())
    page.set_viewport_size(MOBILE)
    page.goto(live_server.url + "/")  # waits for the load event
    assert page.locator("#main-nav-list").is_visible() and page.locator("#site-search").is_visible()
    assert not page.locator(".menu-toggle").is_visible()
