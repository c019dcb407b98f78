"""Public side of the watch: calls and news pages, feeds, iCalendar, home teaser."""

from datetime import datetime, timedelta
from html import unescape
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from icalendar import Calendar

from tests.factories import ThemeFactory
from tests.watch.factories import CallFactory, ItemFactory
from watch.collection.models import CallsIndexPage, Item, NewsIndexPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def calls_page(home):
    page = CallsIndexPage(title="Appels à projets", slug="appels-a-projets", show_in_menus=True)
    home.add_child(instance=page)
    return page


@pytest.fixture
def news_page(home):
    page = NewsIndexPage(title="Veille", slug="veille", show_in_menus=True)
    home.add_child(instance=page)
    return page


def test_calls_page_lists_open_accepted_calls_closing_soonest_first(client, calls_page):
    now = timezone.now()
    later = CallFactory(title="Ferme tard", deadline=now + timedelta(days=60))
    soon = CallFactory(title="Ferme bientôt", deadline=now + timedelta(days=3))
    permanent = CallFactory(title="Au fil de l'eau", deadline=None, permanent=True)
    CallFactory(title="Déjà clos", deadline=now - timedelta(days=1))
    CallFactory(title="Pas encore examiné", status=Item.Status.NEW, deadline=now + timedelta(5))
    CallFactory(title="Refusé", status=Item.Status.REJECTED, deadline=now + timedelta(days=5))
    html = client.get(calls_page.url).content.decode()
    positions = [html.index(call.title.replace("'", "&#x27;")) for call in (soon, later, permanent)]
    assert positions == sorted(positions)
    for hidden in ("Déjà clos", "Pas encore examiné", "Refusé"):
        assert hidden not in html
    assert "Sans date limite" in html


def test_closed_calls_are_in_the_archive(client, calls_page):
    CallFactory(title="Déjà clos", deadline=timezone.now() - timedelta(days=1))
    CallFactory(title="Encore ouvert", deadline=timezone.now() + timedelta(days=10))
    html = client.get(calls_page.url + "archives/").content.decode()
    assert "Déjà clos" in html and "Encore ouvert" not in html
    assert "Clôturé" in html


def test_calls_page_filters_by_theme(client, calls_page):
    music = ThemeFactory(name="Musique")
    kept = CallFactory(title="Appel musique", deadline=timezone.now() + timedelta(days=9))
    kept.themes.add(music)
    CallFactory(title="Appel design", deadline=timezone.now() + timedelta(days=9))
    html = client.get(calls_page.url, {"thematique": music.slug}).content.decode()
    assert "Appel musique" in html and "Appel design" not in html
    assert client.get(calls_page.url, {"thematique": "inconnue"}).status_code == 200


def test_calls_page_query_count_does_not_grow_with_items(
    client, calls_page, django_assert_max_num_queries
):
    theme = ThemeFactory(name="Numérique")
    for index in range(30):
        call = CallFactory(title=f"Appel {index}", deadline=timezone.now() + timedelta(days=index))
        call.themes.add(theme)
    with django_assert_max_num_queries(25):
        response = client.get(calls_page.url)
    assert response.status_code == 200


def test_news_page_lists_accepted_news_only(client, news_page, django_assert_max_num_queries):
    for index in range(25):
        ItemFactory(title=f"Autre {index}", status=Item.Status.ACCEPTED)
    ItemFactory(title="Nouvelle acceptée", status=Item.Status.ACCEPTED)
    ItemFactory(title="Nouvelle en attente")
    with django_assert_max_num_queries(25):
        html = client.get(news_page.url).content.decode()
    assert "Nouvelle acceptée" in html and "Nouvelle en attente" not in html


def test_editor_version_is_shown_instead_of_the_source(client, news_page):
    ItemFactory(
        title="Titre source",
        editor_title="Titre de la rédaction",
        editor_summary_html='<p onclick="x()">Résumé revu</p><script>alert(1)</script>',
        status=Item.Status.ACCEPTED,
    )
    html = client.get(news_page.url).content.decode()
    assert "Titre de la rédaction" in html and "Titre source" not in html
    assert "Résumé revu" in html and "alert(1)" not in html and "onclick" not in html


def test_pages_appear_in_the_main_menu(client, calls_page, news_page):
    html = client.get("/").content.decode()
    assert 'href="/appels-a-projets/"' in html and 'href="/veille/"' in html


def test_rss_and_atom_feeds_list_accepted_items(client, home):
    CallFactory(title="Appel accepté", deadline=timezone.now() + timedelta(days=20))
    ItemFactory(title="En attente")
    rss = client.get("/veille/flux.rss")
    assert rss.status_code == 200 and rss["Content-Type"].startswith("application/rss+xml")
    assert "Appel accepté" in rss.content.decode() and "En attente" not in rss.content.decode()
    atom = client.get("/veille/flux.atom")
    assert atom.status_code == 200 and "<feed" in atom.content.decode()


def test_icalendar_feed_has_one_event_per_call_deadline(client, home):
    call = CallFactory(title="Résidences 2027", deadline=timezone.now() + timedelta(days=20))
    CallFactory(title="Permanent", deadline=None, permanent=True)
    ItemFactory(title="Actualité", status=Item.Status.ACCEPTED)
    response = client.get("/veille/appels-a-projets.ics")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    assert "Résidences 2027" in str(events[0]["SUMMARY"])
    assert events[0]["UID"].startswith(f"watch-call-{call.pk}@")


def test_home_teaser_lists_calls_closing_soon(client, home, calls_page):
    CallFactory(title="Ferme dans trois jours", deadline=timezone.now() + timedelta(days=3))
    html = client.get("/").content.decode()
    assert "Appels à projets qui ferment bientôt" in html
    assert "Ferme dans trois jours" in html


def test_home_teaser_and_feed_write_deadlines_in_words(client, home, calls_page):
    """« jeudi 10 décembre 2026 », as on the call's card, never « 10/12/2026 »."""
    paris = ZoneInfo("Europe/Paris")
    CallFactory(title="Fin de journée", deadline=datetime(2099, 12, 10, 23, 59, tzinfo=paris))
    CallFactory(title="À midi", deadline=datetime(2099, 12, 11, 12, 0, tzinfo=paris))
    html = unescape(client.get("/").content.decode())
    assert "Date limite : jeudi 10 décembre 2099" in html
    assert "Date limite : vendredi 11 décembre 2099 à 12\N{NO-BREAK SPACE}h" in html
    assert "/12/2099" not in html
    rss = unescape(client.get("/veille/flux.rss").content.decode())
    assert "Fin de journée (date limite : 10 décembre 2099)" in rss


def test_page_types_live_under_home_only(home):
    assert CallsIndexPage.can_create_at(home)
    assert CallsIndexPage.allowed_subpage_models() == []
    assert NewsIndexPage.allowed_subpage_models() == []
