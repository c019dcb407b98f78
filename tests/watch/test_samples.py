"""Editors add the sample sources, fetch them, and see exactly what the samples README says."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from demo.watch import FONDATION_SELECTORS, REGION_SELECTORS
from tests.factories import ThemeFactory
from watch.collection.collect import collect_source, run_round
from watch.collection.models import Item, Source

PARIS = ZoneInfo("Europe/Paris")
pytestmark = pytest.mark.django_db


def deadlines(source):
    return [
        item.deadline.astimezone(PARIS).date() if item.deadline else None
        for item in source.items.order_by("published_at", "id")
    ]


def test_news_feed_gives_seven_items_not_eight(feed_source):
    source = feed_source("feeds/actualites-culture.rss")
    outcome = collect_source(source)
    assert outcome.ok and outcome.new == 7
    urls = list(source.items.values_list("canonical_url", flat=True))
    assert len(set(urls)) == 7
    assert all("utm_" not in url for url in urls)


def test_news_feed_summaries_carry_no_script_handler_or_javascript_link(feed_source):
    source = feed_source("feeds/actualites-culture.rss")
    collect_source(source)
    for item in source.items.all():
        html = item.summary_html.lower()
        assert "<script" not in html
        assert "onerror" not in html and "onclick" not in html
        assert "javascript:" not in html
        assert "alert(" not in item.summary_text


def test_residences_call_in_news_feed_is_a_call_closing_15_january_at_noon(feed_source):
    source = feed_source("feeds/actualites-culture.rss")
    collect_source(source)
    call = source.items.get(title__startswith="Appel à candidatures : résidences")
    assert call.kind == Item.Kind.CALL
    assert call.deadline == datetime(2027, 1, 15, 12, 0, tzinfo=PARIS)
    others = source.items.exclude(pk=call.pk)
    assert set(others.values_list("kind", flat=True)) == {Item.Kind.NEWS}


def test_atom_feed_gives_five_calls_with_their_deadlines(feed_source, frozen_now):
    source = feed_source("feeds/appels-a-projets.atom", publishes=Source.Publishes.MIXED)
    collect_source(source)
    items = {item.title[:20]: item for item in source.items.all()}
    assert len(items) == 5
    assert {item.kind for item in items.values()} == {Item.Kind.CALL}
    by_date = {
        (item.deadline.astimezone(PARIS).date() if item.deadline else None): item
        for item in items.values()
    }
    assert set(by_date) == {
        date(2027, 1, 31),
        date(2027, 2, 28),
        date(2027, 3, 5),
        None,
        date(2026, 9, 15),
    }
    assert by_date[date(2027, 3, 5)].deadline == datetime(2027, 3, 5, 17, 0, tzinfo=PARIS)
    assert by_date[None].permanent and not by_date[None].is_closed
    assert by_date[date(2026, 9, 15)].is_closed
    assert not by_date[date(2027, 1, 31)].is_closed


def test_latin1_feed_keeps_accents_and_the_first_deadline(feed_source):
    source = feed_source("feeds/residences-latin1.rss")
    collect_source(source)
    titles = list(source.items.order_by("-published_at").values_list("title", flat=True))
    assert titles == [
        "Résidence « Territoires sonores » à Thiers",
        "Création partagée avec les habitants",
    ]
    first = source.items.get(title__startswith="Résidence")
    assert first.deadline.astimezone(PARIS).date() == date(2026, 12, 10)


def test_broken_feed_keeps_two_items_and_tells_the_editor(feed_source):
    source = feed_source("feeds/flux-casse.xml")
    outcome = collect_source(source)
    source.refresh_from_db()
    assert outcome.ok and source.items.count() == 2
    assert source.last_warning == "le flux est mal formé ; 2 éléments récupérés"
    atelier = source.items.get(title__startswith="Atelier")
    assert atelier.title.endswith("& table ronde")
    assert atelier.published_at.astimezone(PARIS).date() == date(2026, 11, 17)


def test_broken_feed_does_not_hold_up_other_sources(feed_source):
    broken = feed_source("feeds/flux-casse.xml")
    good = feed_source("feeds/appels-a-projets.atom")
    outcomes = run_round([broken, good], threads=4, processes=1)
    assert {outcome.source_id for outcome in outcomes} == {broken.pk, good.pk}
    assert good.items.count() == 5 and broken.items.count() == 2


def test_region_page_gives_five_calls_with_absolute_links(page_source, frozen_now):
    source = page_source("pages/region-appels.html", REGION_SELECTORS)
    outcome = collect_source(source)
    assert outcome.new == 5
    items = list(source.items.order_by("-published_at"))
    assert all(item.url.startswith(("http://", "https://")) for item in items)
    assert items[0].url.endswith("/culture/appels/lieux-intermediaires-2027")
    assert items[2].url == "https://partenaire.example.eu/calls/interreg-culture"
    assert [
        item.deadline.astimezone(PARIS).date() if item.deadline else None for item in items
    ] == [date(2027, 1, 8), date(2027, 2, 15), date(2027, 3, 31), None, date(2026, 4, 30)]
    assert items[3].permanent
    assert [item.is_closed for item in items] == [False, False, False, False, True]
    assert {item.kind for item in items} == {Item.Kind.CALL}


def test_foundation_table_gives_three_deadlines_written_three_ways(page_source):
    source = page_source(
        "pages/fondation-appels.html", FONDATION_SELECTORS, publishes=Source.Publishes.CALLS
    )
    collect_source(source)
    items = list(source.items.order_by("deadline"))
    assert [item.deadline.astimezone(PARIS).date() for item in items] == [
        date(2027, 1, 22),
        date(2027, 2, 1),
        date(2027, 2, 26),
    ]
    assert items[0].title == "Bourses d'écriture pour autrices et auteurs de BD"
    assert "/appels/bourses-ecriture.html" in items[0].url


def test_second_fetch_of_unchanged_source_adds_nothing(feed_source):
    source = feed_source("feeds/appels-a-projets.atom")
    collect_source(source)
    again = collect_source(Source.objects.get(pk=source.pk))
    assert again.ok and again.new == 0 and again.updated == 0
    assert source.items.count() == 5


def test_page_without_matching_elements_is_reported_in_words(page_source):
    source = page_source("pages/fondation-appels.html", REGION_SELECTORS)
    outcome = collect_source(source)
    source.refresh_from_db()
    assert not outcome.ok
    assert source.last_error == "la page ne contient plus d’éléments correspondant à `li.appel`"
    assert source.consecutive_failures == 1


def test_themes_come_from_keywords_and_source_defaults(feed_source):
    ecology = ThemeFactory(name="Transition écologique", keywords="empreinte carbone\nsobriété")
    europe = ThemeFactory(name="Europe", keywords="européen\neuropéenne")
    source = feed_source("feeds/actualites-culture.rss")
    source.themes.add(europe)
    collect_source(source)
    guide = source.items.get(title__startswith="Éco-conception")
    assert set(guide.themes.all()) == {ecology, europe}
    canicule = source.items.get(title__startswith="Canicule")
    assert set(canicule.themes.all()) == {europe}
