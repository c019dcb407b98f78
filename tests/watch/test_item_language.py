"""The language of a collected text, as its source declares it, given to the page as `lang`
(WCAG 3.1.2, language of parts): an English topic on the French site, French calls on /en/."""

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from tests.watch.conftest import sample
from tests.watch.factories import CallFactory, SourceFactory
from tests.watch.portals import AT_KEY, aides_source, eu_source, serve_aides, serve_eu
from watch.collection.collect import collect_source
from watch.collection.models import Source
from watch.collection.parse import language_tag

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("declared", "tag"),
    [("fr", "fr"), ("fr-FR", "fr-FR"), ("EN", "en"), ("en_GB", "en-GB"), ("", ""),
     ("français", ""), ("en; fr", ""), (None, "")],
)  # fmt: skip
def test_a_declared_language_becomes_a_language_tag_or_nothing(declared, tag):
    assert language_tag(declared) == tag


def serve(httpserver, path, body, content_type):
    httpserver.expect_request(path).respond_with_data(body, content_type=content_type)
    return httpserver.url_for(path)


def test_feeds_and_pages_give_their_items_the_language_they_declare(httpserver):
    rss = serve(
        httpserver, "/actus.rss", sample("feeds/actualites-culture.rss"), "application/rss+xml"
    )
    atom = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr"><title>Relais</title><id>urn:relais</id>
<updated>2026-11-20T09:00:00Z</updated>
<entry xml:lang="en"><title>Culture Moves Europe: call open</title><id>urn:1</id>
<link href="https://relais.example.org/cme"/><updated>2026-11-20T09:00:00Z</updated></entry>
<entry><title>Appel régional</title><id>urn:2</id>
<link href="https://relais.example.org/region"/><updated>2026-11-20T09:00:00Z</updated></entry>
</feed>""".encode()
    atom_url = serve(httpserver, "/relais.atom", atom, "application/atom+xml")
    page = serve(
        httpserver,
        "/calls.html",
        b'<html lang="en"><body><ul><li class="call"><a href="/c/1">Open call for artists</a></li>'
        b"</ul></body></html>",
        "text/html; charset=utf-8",
    )
    feed_source, atom_source = SourceFactory(url=rss), SourceFactory(url=atom_url)
    page_source = SourceFactory(url=page, kind=Source.Kind.PAGE, item_selector="li.call")

    for source in (feed_source, atom_source, page_source):
        assert collect_source(source).ok

    assert set(feed_source.items.values_list("language", flat=True)) == {"fr-FR"}
    by_title = dict(atom_source.items.values_list("title", "language"))
    assert by_title == {"Culture Moves Europe: call open": "en", "Appel régional": "fr"}
    assert list(page_source.items.values_list("language", flat=True)) == ["en"]


def test_european_topics_are_in_english_and_french_aids_in_french(httpserver, settings):
    settings.WATCH_PORTAL_PAGE_SIZE = 3
    settings.WATCH_AIDES_TERRITOIRES_API_KEY = AT_KEY
    european = eu_source(serve_eu(httpserver))
    collect_source(european)
    french = aides_source(serve_aides(httpserver))
    collect_source(french)

    assert set(european.items.values_list("language", flat=True)) == {"en"}
    assert set(french.items.values_list("language", flat=True)) == {"fr"}


def card(item, language: str) -> str:
    with translation.override(language):
        return render_to_string("watch/includes/item_card.html", {"item": item})


def test_a_text_in_another_language_than_the_page_says_so():
    english = CallFactory(title="Cooperation projects", language="en", editor_note="À lire.")
    french = CallFactory(title="Aide à la création", language="fr")
    rewritten = CallFactory(
        title="Small-scale projects", language="en", editor_title="Petits projets"
    )

    # On the French site: the English topic is marked, French texts are not.
    assert f'<h2 class="card__title" id="item-{english.pk}" lang="en">' in card(english, "fr")
    assert 'class="watch-item__summary" lang="en"' in card(english, "fr")
    assert " lang=" not in card(french, "fr")
    # An editor's title is in the site's language, the source's summary stays in English.
    rewritten_card = card(rewritten, "fr")
    assert f'id="item-{rewritten.pk}">' in rewritten_card
    assert 'class="watch-item__summary" lang="en"' in rewritten_card
    # On /en/: French texts and the editors' note are marked French, English ones not.
    assert f'id="item-{french.pk}" lang="fr"' in card(french, "en")
    assert '<span lang="fr">À lire.</span>' in card(english, "en")
    assert f'id="item-{english.pk}">' in card(english, "en")
