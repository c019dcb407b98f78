"""European calls read from the EU Funding & Tenders search API (recorded answers, local server)."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone
from werkzeug import Response

from tests.watch.factories import SourceFactory
from tests.watch.portals import (
    EU_PATH,
    PORTALS,
    eu_json,
    eu_page_query,
    eu_source,
    recorded,
    serve_eu,
)
from watch.collection.collect import collect_source
from watch.collection.models import Item, Source
from watch.collection.portals.api import RAW_SUMMARY_CHARS, make_record, shorten
from watch.collection.sanitize import clean_html, clean_to_text, to_text

JSON = "application/json"
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now", "small_pages")]


@pytest.fixture
def small_pages(settings):
    settings.WATCH_PORTAL_PAGE_SIZE = 3  # the recorded answers hold three topics a page


def collected(source) -> dict[str, Item]:
    return {item.facts["identifier"]: item for item in source.items.all()}


def paris(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def test_every_page_is_read_and_each_topic_becomes_a_call_with_its_facts(httpserver):
    source = eu_source(serve_eu(httpserver))

    outcome = collect_source(source)

    assert outcome.ok, outcome.error
    assert (outcome.found, outcome.new) == (5, 5)
    calls = collected(source)
    assert set(calls) == {
        "CREA-CULT-2027-COOP", "HORIZON-CL2-2027-HERITAGE-01-02", "CREA-MEDIA-2027-FILMDIST",
        "ERASMUS-YOUTH-2027-NETWORKS", "CERV-2027-CITIZENS-CIV",
    }  # fmt: skip
    coop = calls["CREA-CULT-2027-COOP"]
    assert coop.kind == Item.Kind.CALL and coop.status == Item.Status.NEW
    assert coop.title == "European cooperation projects"
    assert coop.url.endswith("/topic-details/crea-cult-2027-coop")
    assert paris(coop.deadline) == "2027-03-05 17:00"
    assert coop.facts["programme"] == "Europe créative"
    assert coop.facts["call_identifier"] == "CREA-CULT-2027"
    assert coop.facts["status"] == "open"
    assert coop.facts["budget"] == 60_000_000
    assert coop.facts["deadlines"] == ["2027-03-05T17:00:00+01:00"]
    # The summary is sanitised like any other.
    assert "<strong>audience development</strong>" in coop.summary_html
    assert "script" not in coop.summary_html and "alert" not in coop.summary_text


def test_a_second_fetch_of_unchanged_answers_changes_nothing(httpserver):
    source = stored_once(httpserver)
    serve_eu(httpserver)

    outcome = collect_source(source)

    assert outcome.ok and (outcome.new, outcome.updated) == (0, 0)
    assert source.items.count() == 5


def test_two_stage_topic_keeps_both_deadlines_and_shows_the_first(httpserver):
    source = eu_source(serve_eu(httpserver))
    collect_source(source)

    heritage = collected(source)["HORIZON-CL2-2027-HERITAGE-01-02"]

    assert heritage.facts["deadline_model"] == "two-stage"
    assert heritage.facts["deadlines"] == ["2027-02-10T17:00:00+01:00", "2027-09-15T17:00:00+02:00"]
    assert paris(heritage.deadline) == "2027-02-10 17:00"  # stage 1: what a newcomer must meet
    assert heritage.facts["programme"].startswith("Horizon Europe — cluster 2")


def test_forthcoming_topic_carries_its_opening_date(httpserver):
    source = eu_source(serve_eu(httpserver))
    collect_source(source)

    film = collected(source)["CREA-MEDIA-2027-FILMDIST"]

    assert film.facts["status"] == "forthcoming"
    assert timezone.localtime(film.opens_at).date().isoformat() == "2027-01-14"
    assert paris(film.deadline) == "2027-04-22 17:00"


def test_topic_without_deadline_is_an_open_call_without_date(httpserver):
    source = eu_source(serve_eu(httpserver))
    collect_source(source)

    youth = collected(source)["ERASMUS-YOUTH-2027-NETWORKS"]

    assert youth.deadline is None and not youth.permanent
    assert "deadlines" not in youth.facts
    assert Item.objects.open_calls().filter(pk=youth.pk).exists()


def test_malformed_topic_is_skipped_and_counted_while_the_others_go_on(httpserver):
    source = eu_source(serve_eu(httpserver))

    outcome = collect_source(source)

    source.refresh_from_db()
    assert outcome.ok and outcome.found == 5
    assert source.last_warning == "1 enregistrement illisible a été ignoré"
    assert not source.items.filter(title__contains="cannot be read").exists()
    assert collected(source)["CERV-2027-CITIZENS-CIV"]  # the topic after it on the same page


def test_a_redirected_search_is_refused_and_not_posted_again(httpserver):
    httpserver.expect_request(EU_PATH, method="POST").respond_with_data(
        "", status=307, headers={"Location": "/ailleurs"}
    )
    source = eu_source(httpserver.url_for(EU_PATH))

    outcome = collect_source(source)

    assert not outcome.ok and "redirige la requête (307)" in outcome.error
    assert [request.path for request, _response in httpserver.log] == [EU_PATH]


def test_the_item_cap_keeps_the_first_calls_and_reads_no_further_page(httpserver, settings):
    settings.WATCH_MAX_ITEMS_PER_SOURCE = 2
    source = eu_source(serve_eu(httpserver))

    outcome = collect_source(source)

    source.refresh_from_db()
    assert outcome.ok and source.items.count() == 2
    assert "au-delà de 2 appels" in source.last_warning
    assert len(httpserver.log) == 1  # page 2 was never asked for


def test_the_search_asks_for_the_editors_programmes_and_statuses_as_json_parts(httpserver):
    seen = []

    def answer(request):
        seen.append(request)
        return Response(recorded("eu-funding/search-page-1.json"), mimetype="application/json")

    httpserver.expect_request(EU_PATH, method="POST").respond_with_handler(answer)
    source = eu_source(httpserver.url_for(EU_PATH), programmes=["CREA"], statuses=["open"])
    collect_source(source)

    request = seen[0]
    assert request.args["apiKey"] == "SEDIA" and request.args["pageNumber"] == "1"
    part = request.files["query"]
    assert part.mimetype == "application/json"
    must = json.loads(part.read())["bool"]["must"]
    assert {"terms": {"status": ["31094502"]}} in must
    assert {"terms": {"frameworkProgramme": ["43251814"]}} in must
    assert json.loads(request.files["languages"].read()) == ["en"]
    # Horizon's topic came back in the (recorded) answer, but the editor asked for CREA only.
    assert set(collected(source)) == {"CREA-CULT-2027-COOP", "CREA-MEDIA-2027-FILMDIST"}


def test_keywords_keep_the_topics_that_mention_one_of_them(httpserver):
    source = eu_source(serve_eu(httpserver), keywords=["heritage", "film"])

    collect_source(source)

    assert set(collected(source)) == {"HORIZON-CL2-2027-HERITAGE-01-02", "CREA-MEDIA-2027-FILMDIST"}


def test_paging_is_bounded_and_the_editor_is_told(httpserver, settings):
    settings.WATCH_PORTAL_MAX_PAGES = 1
    source = eu_source(serve_eu(httpserver))

    outcome = collect_source(source)

    assert outcome.ok and outcome.found == 3
    assert "au-delà de 1 page" in outcome.warning
    assert len(httpserver.log) == 1


def stored_once(httpserver) -> Source:
    source = eu_source(serve_eu(httpserver))
    collect_source(source)
    httpserver.clear()
    Source.objects.filter(pk=source.pk).update(next_fetch_at=None)
    return Source.objects.get(pk=source.pk)


def snapshot(source) -> list[tuple]:
    return list(source.items.order_by("pk").values_list("title", "deadline", "facts"))


def test_429_keeps_the_items_and_waits_at_least_retry_after(httpserver, frozen_now):
    source = stored_once(httpserver)
    before = snapshot(source)
    httpserver.expect_request(EU_PATH, method="POST").respond_with_data(
        "Too Many Requests", status=429, headers={"Retry-After": "7200"}
    )

    outcome = collect_source(source)

    source.refresh_from_db()
    assert not outcome.ok and outcome.status == 429
    assert "429" in source.last_error and source.consecutive_failures == 1
    assert source.next_fetch_at >= frozen_now + timedelta(seconds=7200)
    assert snapshot(source) == before


def test_500_marks_the_source_unhealthy(httpserver):
    source = stored_once(httpserver)
    httpserver.expect_request(EU_PATH, method="POST").respond_with_data("boom", status=500)

    outcome = collect_source(source)

    source.refresh_from_db()
    assert not outcome.ok
    assert source.last_error == "le serveur a répondu 500"
    assert source.items.count() == 5


def test_invalid_json_leaves_the_source_unhealthy_and_loses_nothing(httpserver):
    source = stored_once(httpserver)
    before = snapshot(source)
    httpserver.expect_request(
        EU_PATH, method="POST", query_string=eu_page_query(1)
    ).respond_with_data(recorded("eu-funding/search-page-1.json"), content_type="application/json")
    httpserver.expect_request(
        EU_PATH, method="POST", query_string=eu_page_query(2)
    ).respond_with_data(b'{"totalResults": 6, "results": [{"metadata": ', content_type=JSON)

    outcome = collect_source(source)

    source.refresh_from_db()
    assert not outcome.ok
    assert "pas du JSON valide" in source.last_error
    assert source.consecutive_failures == 1 and source.last_success_at is not None
    assert snapshot(source) == before


def test_answer_not_shaped_like_the_api_is_a_failure(httpserver):
    httpserver.expect_request(EU_PATH, method="POST").respond_with_json({"error": "maintenance"})
    source = eu_source(httpserver.url_for(EU_PATH))

    outcome = collect_source(source)

    assert not outcome.ok and "forme attendue" in outcome.error


def test_a_hundred_megabyte_answer_is_refused_by_the_size_cap(httpserver):
    def hundred_megabytes():
        chunk = b" " * (1024 * 1024)
        yield b'{"totalResults": 1, "results": ['
        for _ in range(100):
            yield chunk

    httpserver.expect_request(EU_PATH, method="POST").respond_with_handler(
        lambda request: Response(hundred_megabytes(), mimetype="application/json")
    )
    source = eu_source(httpserver.url_for(EU_PATH))

    outcome = collect_source(source)

    assert not outcome.ok
    assert "taille maximale" in outcome.error
    assert source.items.count() == 0


def test_the_ssrf_guard_applies_to_portal_sources(httpserver, settings):
    settings.WATCH_ALLOWED_NETWORKS = []  # the test server on 127.0.0.1 is not let through
    source = eu_source(serve_eu(httpserver))

    outcome = collect_source(source)

    assert not outcome.ok and "adresse refusée" in outcome.error
    assert len(httpserver.log) == 0


def relay_feed(httpserver):
    httpserver.expect_request("/relais.rss").respond_with_data(
        (PORTALS / "relais-culture-europe.rss").read_bytes(), content_type="application/rss+xml"
    )
    return SourceFactory(name="Relais Europe créative", url=httpserver.url_for("/relais.rss"))


def test_a_call_relayed_by_a_feed_first_gets_the_portals_facts(httpserver):
    relay = relay_feed(httpserver)
    collect_source(relay)
    relayed = relay.items.get(title__contains="coopération européenne")
    assert relayed.facts == {}

    portal = eu_source(serve_eu(httpserver))
    outcome = collect_source(portal)

    relayed.refresh_from_db()
    assert outcome.new == 4  # the fifth topic is the relayed one
    assert Item.objects.filter(canonical_url=relayed.canonical_url).count() == 1
    assert relayed.facts["identifier"] == "CREA-CULT-2027-COOP"
    assert paris(relayed.deadline) == "2027-03-05 17:00"
    assert relayed.opens_at is not None


def test_a_feed_relaying_a_call_already_read_from_the_portal_adds_no_copy(httpserver):
    portal = eu_source(serve_eu(httpserver))
    collect_source(portal)
    relay = relay_feed(httpserver)

    outcome = collect_source(relay)
    collect_source(Source.objects.get(pk=relay.pk))  # a later fetch of the feed changes nothing

    call = portal.items.get(facts__identifier="CREA-CULT-2027-COOP")
    assert outcome.new == 1  # the webinar only
    assert Item.objects.filter(canonical_url=call.canonical_url).count() == 1
    assert call.facts["budget"] == 60_000_000


def test_recorded_answers_have_the_apis_shape():
    page = eu_json("search-page-1.json")
    assert {"totalResults", "pageNumber", "pageSize", "results"} <= set(page)
    metadata = page["results"][0]["metadata"]
    assert all(isinstance(value, list) for value in metadata.values())


def test_a_long_description_is_cut_between_words_with_its_tags_closed():
    html = "<p>" + "un mot <strong>appuyé</strong> " * 200 + "</p>"

    short = shorten(html)

    assert len(short) < 1300
    assert short.endswith("…</p>") and short.count("<strong>") == short.count("</strong>")


@pytest.mark.parametrize("cut_inside", ["<script>alert(1) ", "<p onclick='x()' title='"])
def test_a_description_of_pages_is_read_from_its_beginning_and_stays_safe(cut_inside):
    """A real topic's description runs to pages: only its beginning is sanitised, even when the
    cut falls inside a script or a tag, and the summary is still a full, safe one."""
    prose = "<p>" + "un mot de la description " * 60 + "</p>"
    padding = RAW_SUMMARY_CHARS - len(prose)
    description = prose + cut_inside + "x" * (padding + 50_000)

    call = make_record(
        title="Appel", url="https://ec.europa.eu/t/crea", guid="CREA", summary_html=description,
        deadline=None, opens_at=None, call_facts={}, base_url="https://ec.europa.eu/",
    )  # fmt: skip

    assert call.summary_html.startswith("<p>un mot de la description")
    assert call.summary_html.endswith("…</p>") and len(call.summary_html) < 1300
    assert "alert" not in call.summary_html and "onclick" not in call.summary_html
    assert "x" * 20 not in call.summary_text


@pytest.mark.parametrize(
    "description",
    [
        '<p>Budget&nbsp;: 5&nbsp;M&euro; &amp; plus</p><p onclick="x()">Deux<br>lignes</p>',
        "<ul><li>Un</li><li>Deux</li></ul><abbr title='a > b \"c\"'>CERV</abbr> &lt;p&gt;",
        "<script>alert(1)</script><style>p{}</style><!-- note -->Texte <b>gras</b>",
        "Texte brut, sans balise : « 2 étapes »\r\n\u00a0fin",
    ],
)
def test_a_topic_summary_text_is_the_text_of_its_sanitised_html(description):
    clean = clean_html(description, "https://ec.europa.eu/")

    # The summary's text, read without a second sanitising pass, is what the full pass gives.
    assert clean_to_text(clean) == to_text(clean)
    assert "alert" not in clean_to_text(clean)
