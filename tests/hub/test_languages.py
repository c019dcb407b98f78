"""French at today's addresses, English under /en/: routing, switch, hreflang, scoped listings."""

import re
from html import unescape

import pytest
from django.utils import timezone
from wagtail.models import Locale

from demo.english import translate
from hub.models import StandardPage
from resources.models import GuidePage, ResourceIndexPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(db) -> Locale:
    return Locale.objects.get_or_create(language_code="en")[0]


@pytest.fixture
def en_home(home, english):
    return translate(home, english, slug="en", title="Home", hero_title="Going through")


@pytest.fixture
def index(home):
    index = ResourceIndexPage(title="Ressources", slug="ressources")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def en_index(index, en_home, english):
    return translate(index, english, slug="resources", title="Resources")


def _guide(parent, title, slug) -> GuidePage:
    guide = GuidePage(title=title, slug=slug, summary=title, publication_date=timezone.localdate())
    parent.add_child(instance=guide)
    guide.save_revision().publish()
    return guide


def _html_lang(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


def _switch(response) -> str:
    """The header's language switch, as HTML."""
    html = response.content.decode()
    return re.search(r'<nav class="language-switch".*?</nav>', html, re.S).group(0)


def test_french_stays_at_unprefixed_addresses_and_english_lives_under_en(client, index, en_index):
    french = client.get("/ressources/")
    assert french.status_code == 200 and _html_lang(french) == "fr"
    english = client.get("/en/resources/")
    assert english.status_code == 200 and _html_lang(english) == "en"
    assert en_index.url == "/en/resources/" and index.url == "/ressources/"
    home = client.get("/en/")
    assert home.status_code == 200 and _html_lang(home) == "en"


def test_switch_links_to_the_translation_with_lang_and_hreflang(client, index, en_index):
    switch = _switch(client.get("/ressources/"))
    assert '<a href="/en/resources/" lang="en" hreflang="en">English</a>' in switch
    assert 'aria-current="true">Français</span>' in switch
    back = _switch(client.get("/en/resources/"))
    assert '<a href="/ressources/" lang="fr" hreflang="fr">Français</a>' in back


def test_switch_goes_to_the_english_home_when_the_page_is_not_translated(client, index, en_index):
    _guide(index, "Écoconcevoir une tournée", "ecoconcevoir")
    switch = unescape(_switch(client.get("/ressources/ecoconcevoir/")))
    assert '<a href="/en/" lang="en" hreflang="en">English<span' in switch
    assert "cette page n’est pas traduite" in switch


def test_head_lists_each_language_and_x_default_only_for_translated_pages(client, index, en_index):
    html = client.get("/en/resources/").content.decode()
    assert '<link rel="alternate" hreflang="fr" href="http://testserver/ressources/">' in html
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/resources/">' in html
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/ressources/">' in (
        html
    )
    _guide(index, "Seulement en français", "seulement")
    assert 'hreflang="x-default"' not in client.get("/ressources/seulement/").content.decode()


def test_french_only_page_under_en_is_a_404_in_english_pointing_to_the_french_page(
    client, index, en_index
):
    _guide(index, "Écoconcevoir une tournée", "ecoconcevoir")
    response = client.get("/en/resources/ecoconcevoir/")
    assert response.status_code == 404
    assert _html_lang(response) == "en"
    html = unescape(response.content.decode())
    assert 'href="/ressources/ecoconcevoir/" lang="fr" hreflang="fr"' in html
    assert 'href="/en/"' in html  # back to the English home


def test_main_menu_lists_the_sections_of_the_visitor_language(client, home, en_home, english):
    about = StandardPage(title="Le cluster", slug="a-propos", show_in_menus=True)
    home.add_child(instance=about)
    about.save_revision().publish()
    translate(about, english, slug="about", title="The cluster", show_in_menus=True)
    french_nav = client.get("/").content.decode()
    english_nav = client.get("/en/").content.decode()
    assert 'href="/a-propos/"' in french_nav and 'href="/en/about/"' not in french_nav
    assert 'href="/en/about/"' in english_nav and 'href="/a-propos/"' not in english_nav


def test_home_teasers_and_resource_index_keep_to_the_active_language(
    client, index, en_index, english
):
    guide = _guide(index, "Guide en français", "guide")
    translate(guide, english, slug="guide", title="Guide in English", summary="In English")
    _guide(index, "Autre guide français", "autre")
    french_home = unescape(client.get("/").content.decode())
    english_home = unescape(client.get("/en/").content.decode())
    assert "Guide en français" in french_home and "Guide in English" not in french_home
    assert "Guide in English" in english_home
    assert "Guide en français" not in english_home and "Autre guide" not in english_home
    listing = unescape(client.get("/en/resources/").content.decode())
    assert "Guide in English" in listing and "Autre guide" not in listing


def test_search_finds_pages_of_the_active_language_only(client, index, en_index, english):
    guide = _guide(index, "Tournée sobre", "tournee")
    translate(guide, english, slug="tour", title="Tournée sobre (English edition)")
    french = unescape(client.get("/recherche/?q=tournée").content.decode())
    english = unescape(client.get("/en/recherche/?q=tournée").content.decode())
    assert 'href="/ressources/tournee/"' in french and "/en/resources/tour/" not in french
    assert 'href="/en/resources/tour/"' in english and 'href="/ressources/tournee/"' not in english


def test_sitemap_lists_both_languages_with_alternates(client, index, en_index):
    xml = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/ressources/</loc>" in xml
    assert "<loc>http://testserver/en/resources/</loc>" in xml
    assert (
        '<xhtml:link rel="alternate" hreflang="en" href="http://testserver/en/resources/"/>' in xml
    )
    assert 'hreflang="x-default" href="http://testserver/ressources/"' in xml


def test_page_cache_keeps_each_language_apart(client, settings, index, en_index):
    settings.PAGE_CACHE_SECONDS = 60
    first = client.get("/ressources/")
    assert first["X-Page-Cache"] == "miss"
    english = client.get("/en/resources/")
    assert english["X-Page-Cache"] == "miss" and _html_lang(english) == "en"
    again = client.get("/ressources/")
    assert again["X-Page-Cache"] == "hit" and _html_lang(again) == "fr"
    # A browser asking for English at a French address still gets (the cached) French.
    asked = client.get("/ressources/", HTTP_ACCEPT_LANGUAGE="en")
    assert _html_lang(asked) == "fr"


def test_json_ld_and_open_graph_say_the_page_language(client, index, en_index):
    html = client.get("/en/resources/").content.decode()
    assert '"inLanguage": "en"' in html
    assert '<meta property="og:locale" content="en_GB">' in html
