"""The designed home page and the illustrated cards of the listings."""

import re
from html import unescape

import pytest
from django.contrib.staticfiles import finders

from demo import images
from hub.models import HomePagePartner
from tests.events.factories import add_agenda, add_cycle, add_event
from tests.resources.factories import GuidePageFactory, ResourceIndexPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def title_of(response) -> str:
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1)


def test_the_home_title_names_the_site_once_and_other_pages_keep_the_suffix(client, home):
    home.seo_title = "Passerelles — industries culturelles et créatives"
    home.save_revision().publish()
    assert title_of(client.get("/")) == "Passerelles — industries culturelles et créatives"
    index = ResourceIndexPageFactory(parent=home)
    assert title_of(client.get(index.url)).endswith("| Passerelles")


def test_the_home_puts_the_cycle_the_partners_and_both_calls_to_action_forward(client, home):
    cycle = add_cycle(add_agenda(home), title="Innover durablement")
    home.hero_link = cycle
    home.hero_link_label = "Découvrir le cycle 2026-2027"
    home.hero_secondary_url = "/lettre-de-veille/"
    home.hero_secondary_label = "Recevoir la veille"
    home.hero_image = images.illustration("hero", "passerelles", "Passerelles")
    home.featured_cycle = cycle
    home.partners = [
        HomePagePartner(
            name="AFDAS", url="https://www.afdas.com", logo=images.logo("afdas", "AFDAS")
        )
    ]
    home.save_revision().publish()
    html = unescape(client.get("/").content.decode())
    assert f'href="{cycle.url}">Découvrir le cycle 2026-2027</a>' in html
    assert 'href="/lettre-de-veille/">Recevoir la veille</a>' in html
    assert "Innover durablement" in html and "Le cycle de l’année" in html
    assert re.search(r'<a href="https://www.afdas.com"[^>]*>\s*<img alt="AFDAS"', html)
    # The hero picture is the largest of the page: fetched at once, in AVIF when possible.
    hero = html.split('class="hero__media"')[1].split("</picture>")[0]
    assert 'type="image/avif"' in hero and 'loading="lazy"' not in hero


def test_listing_cards_show_responsive_lazy_images_with_their_alt_text(client, home):
    index = ResourceIndexPageFactory(parent=home)
    GuidePageFactory(
        parent=index,
        title="Écoconcevoir une exposition",
        image=images.illustration("expo", "arts", "Expo"),
    )
    html = client.get(index.url).content.decode()
    card = html.split('class="card__media"')[1].split("</div>")[0]
    assert "<source" in card and 'type="image/webp"' in card and "400w" in card and "640w" in card
    img = re.search(r"<img [^>]+>", card).group(0)
    assert 'loading="lazy"' in img and 'width="' in img and 'height="' in img
    assert f'alt="{images.DESCRIPTIONS["arts"]}"' in img


def test_resource_cards_keep_a_flat_query_count_with_images(
    client, home, django_assert_max_num_queries
):
    index = ResourceIndexPageFactory(parent=home)

    def add(first, last):
        for number in range(first, last):
            picture = images.illustration(f"card-{number}", "design", f"Image {number}")
            GuidePageFactory(parent=index, title=f"Guide {number}", image=picture)
        client.get(index.url)  # draws the renditions of the new cards once

    add(0, 3)
    with django_assert_max_num_queries(30) as few:
        client.get(index.url)
    count = len(few.captured_queries)  # read now: the next requests reset Django's query log
    add(3, 12)
    with django_assert_max_num_queries(count):
        html = client.get(index.url).content.decode()
    assert html.count('class="card__media"') == 12


def test_event_cards_and_the_home_teasers_keep_a_flat_query_count_with_images(
    client, home, django_assert_max_num_queries
):
    agenda = add_agenda(home)
    cycle = add_cycle(agenda)

    def add(first, last):
        for number in range(first, last):
            picture = images.illustration(f"event-{number}", "spectacle", f"Image {number}")
            add_event(cycle, days_ahead=number + 1, image=picture)
        client.get(agenda.url)
        client.get("/")

    add(0, 2)
    with django_assert_max_num_queries(30) as agenda_few:
        client.get(agenda.url)
    agenda_count = len(agenda_few.captured_queries)
    with django_assert_max_num_queries(40) as home_few:
        client.get("/")
    home_count = len(home_few.captured_queries)
    add(2, 8)
    with django_assert_max_num_queries(agenda_count):
        assert client.get(agenda.url).content.decode().count('class="card__media"') == 8
    with django_assert_max_num_queries(home_count):
        assert client.get("/").content.decode().count('class="card__media"') == 4


def test_wide_tables_scroll_in_a_named_keyboard_focusable_region(client, home):
    index = ResourceIndexPageFactory(parent=home)
    plan = {
        "title": "Plan d'action",
        "rows": [{"stake": "Mobilité", "keywords": "train", "actions": "<p>Le train.</p>"}],
    }
    guide = GuidePageFactory(parent=index, body=[{"type": "action_plan", "value": plan}])
    html = client.get(guide.url).content.decode()
    assert (
        '<div class="table-wrapper" role="region" tabindex="0" aria-label="Plan d&#x27;action">'
        in html
    )
    # The guide's table of contents links to the plan's heading.
    assert 'href="#plan-daction"' in html and 'id="plan-daction"' in html


def test_every_page_links_the_favicon_touch_icon_and_manifest(client, home):
    html = client.get("/").content.decode()
    for name in ("favicon.ico", "icon.svg", "apple-touch-icon.png", "site.webmanifest"):
        assert f"/static/hub/img/{name}" in html
        assert finders.find(f"hub/img/{name}"), name


def test_editors_edit_the_home_sections_partners_and_featured_cycle(admin_client, home):
    html = admin_client.get(f"/admin/pages/{home.pk}/edit/").content.decode()
    for field in ("featured_cycle", "sections", "partners-TOTAL_FORMS", "hero_secondary_url"):
        assert field in html, field
