"""Parsing hostile or odd bytes: never a crash, never an expanded entity bomb."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.watch.conftest import sample
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
<item><title>&lol9;</title><link>https://example.org/a</link><description>&lol9;</description></item>
</channel></rss>"""


def test_billion_laughs_feed_is_not_expanded():
    result = parse("feed", BILLION_LAUGHS, {}, "https://example.org/flux")
    assert isinstance(result, ParseResult)
    for record in result.records:
        assert len(record.title) < 10_000 and len(record.summary_html) < 10_000


def test_external_entity_is_not_read():
    body = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<rss version="2.0"><channel><item><title>&x;</title>'
        b"<link>https://example.org/a</link></item></channel></rss>"
    )
    result = parse("feed", body, {}, "https://example.org/flux")
    assert all("root:" not in record.title for record in result.records)


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
    assert "n'est pas valide" in result.error


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
