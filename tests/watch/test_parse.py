"""Parsing hostile or odd bytes: never a crash, never an expanded entity bomb."""

from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.watch.conftest import sample
from watch.collection.dates import PARIS, parse_feed_date
from watch.collection.parse import ParseResult, Selectors, parse
from watch.collection.sanitize import clean_html, to_text

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>Bombe</title>
<item><title>Appel &lol9;</title><link>https://example.org/a</link>
<description>Texte &lol9;</description></item>
<item><title>Appel ordinaire</title><link>https://example.org/b</link>
<description>Date limite : 15 janvier 2027.</description></item>
</channel></rss>"""


def test_billion_laughs_feed_is_read_without_expanding_the_entity():
    result = parse("feed", BILLION_LAUGHS, {}, "https://example.org/flux")
    assert [record.url for record in result.records] == [
        "https://example.org/a",
        "https://example.org/b",
    ]
    for record in result.records:
        assert "lollol" not in record.title + record.summary_html + record.summary_text
        assert len(record.title) < 100 and len(record.summary_html) < 100
    assert result.records[1].title == "Appel ordinaire"
    assert result.records[1].deadline is not None


def _external_entity_feed(path, *, broken: bool) -> bytes:
    # The broken one has unclosed tags: feedparser gives up, the recovering XML parser reads it.
    tail = "" if broken else "</channel></rss>"
    channel = "<title>Flux\n" if broken else "<title>Flux</title>"
    first = "<description>Texte &x; fin" if broken else "<description>Texte &x; fin</description>"
    return (
        f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file://{path}">]>'
        f'<rss version="2.0"><channel>{channel}<item><title>Appel &x; ouvert</title>'
        f"<link>https://example.org/a</link>{first}</item>"
        f"<item><title>Second appel</title><link>https://example.org/b</link></item>{tail}"
    ).encode()


@pytest.mark.parametrize("broken", [False, True], ids=["well-formed", "recovered"])
def test_external_entity_is_not_read(tmp_path, broken):
    secret = tmp_path / "secret.txt"
    secret.write_text("CONTENU-SECRET-DU-SERVEUR")
    body = _external_entity_feed(secret, broken=broken)
    result = parse("feed", body, {}, "https://example.org/flux")
    assert [record.url for record in result.records] == [
        "https://example.org/a",
        "https://example.org/b",
    ]
    assert [record.title for record in result.records] == ["Appel ouvert", "Second appel"]
    for record in result.records:
        assert "SECRET" not in record.title + record.summary_html + record.summary_text
    assert ("récupérés" in result.warning) == broken


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000))
def test_arbitrary_bytes_never_crash_the_feed_parser(body):
    assert isinstance(parse("feed", body, {}, "https://example.org/flux"), ParseResult)


@settings(max_examples=80, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_crash_the_page_parser(body):
    selectors = Selectors(item="li", link="a", deadline=".d")
    assert isinstance(
        parse("page", body, {}, "https://example.org/", selectors=selectors), ParseResult
    )


@settings(max_examples=60, deadline=None)
@given(st.binary(min_size=1, max_size=300))
def test_mutated_feed_never_crashes(noise):
    body = sample("feeds/appels-a-projets.atom")
    mutated = body[:800] + noise + body[800:]
    assert isinstance(parse("feed", mutated, {}, "https://example.org/flux"), ParseResult)


def test_sanitiser_removes_scripts_handlers_and_dangerous_urls():
    dirty = (
        '<p onclick="x()">Texte</p><script>alert(1)</script><style>p{}</style>'
        '<iframe src="https://evil"></iframe><form><input></form>'
        '<a href="javascript:alert(1)">a</a><a href="data:text/html,x">b</a>'
        '<a href="https://ok.example/">c</a>'
    )
    clean = clean_html(dirty)
    for forbidden in ("script", "style", "iframe", "form", "onclick", "javascript:", "data:"):
        assert forbidden not in clean
    assert '<a href="https://ok.example/" rel="noopener noreferrer">c</a>' in clean
    assert to_text(clean) == "Texte abc"


def test_invalid_selector_is_reported_not_raised():
    result = parse(
        "page", b"<ul><li>x</li></ul>", {}, "https://e/", selectors=Selectors(item="li[[")
    )
    assert "n’est pas valide" in result.error


def test_fast_fold_matches_the_taxonomy_fold():
    from hub.models.taxonomy import fold
    from watch.collection.dates import _fold

    for text in ["Écologie ÉTÉ œuvre ﬁn Straße ½ «x» ’", "İstanbul", "Numérique 🎵 ĳ", ""]:
        assert _fold(text) == fold(text)


def test_relative_links_in_feed_content_become_absolute():
    body = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><item><title>T</title>'
        b"<link>/a</link><description>&lt;a href=&quot;/guide.pdf&quot;&gt;guide&lt;/a&gt;"
        b"</description></item></channel></rss>"
    )
    record = parse("feed", body, {}, "https://reseau.example.org/flux.rss").records[0]
    assert record.url == "https://reseau.example.org/a"
    assert 'href="https://reseau.example.org/guide.pdf"' in record.summary_html


def test_well_formed_feed_without_content_type_carries_no_warning():
    for name in ("feeds/appels-a-projets.atom", "feeds/residences-latin1.rss"):
        result = parse("feed", sample(name), {}, "https://example.org/flux")
        assert result.records and result.warning == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mon, 16 Nov 2026 09:00:00 +0100", datetime(2026, 11, 16, 8, 0, tzinfo=UTC)),
        ("Mon, 16 Nov 2026 09:00:00 GMT", datetime(2026, 11, 16, 9, 0, tzinfo=UTC)),
        ("16 Nov 2026 09:00 EST", datetime(2026, 11, 16, 14, 0, tzinfo=UTC)),
        ("2026-11-16T09:00:00Z", datetime(2026, 11, 16, 9, 0, tzinfo=UTC)),
        ("2026-11-16T09:00:00+01:00", datetime(2026, 11, 16, 8, 0, tzinfo=UTC)),
        ("mardi 17 novembre 2026", datetime(2026, 11, 17, tzinfo=PARIS)),
        ("n'importe quoi", None),
        ("Mon, 31 Feb 2026 09:00:00 +0100", None),
    ],
)
def test_feed_dates_are_read_as_rfc_822_iso_8601_or_french(text, expected):
    assert parse_feed_date(text) == expected


def test_recovered_feed_keeps_its_publication_dates():
    body = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>Flux\n'
        b"<item><title>Un</title><link>https://example.org/1</link>"
        b"<pubDate>Mon, 16 Nov 2026 09:00:00 +0100</pubDate><description>a <br>\n</item>"
        b"<item><title>Deux</title><link>https://example.org/2</link>"
        b"<pubDate>mardi 17 novembre 2026</pubDate></item>"
    )
    result = parse("feed", body, {}, "https://example.org/flux")
    assert "récupérés" in result.warning
    assert [record.published for record in result.records] == [
        datetime(2026, 11, 16, 8, 0, tzinfo=UTC),
        datetime(2026, 11, 17, tzinfo=PARIS),
    ]
