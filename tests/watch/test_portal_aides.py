"""French aids read from the Aides-territoires API (token exchange, paging, facts)."""

import pytest
from django.utils import timezone
from pytest_httpserver import HTTPServer

from tests.watch.portals import AT_BASE, AT_KEY, aides_source, serve_aides
from watch.collection.collect import collect_source
from watch.collection.models import Item
from watch.collection.portals.read import records_from_pages

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now", "api_key")]


@pytest.fixture
def api_key(settings):
    settings.WATCH_AIDES_TERRITOIRES_API_KEY = AT_KEY
    settings.WATCH_PORTAL_PAGE_SIZE = 3


def aids(source) -> dict[str, Item]:
    return {item.title: item for item in source.items.all()}


def test_the_key_is_exchanged_for_a_token_and_every_page_is_read(httpserver):
    source = aides_source(serve_aides(httpserver))

    outcome = collect_source(source)

    assert outcome.ok, outcome.error
    assert (outcome.found, outcome.new) == (4, 4)
    assert [request.path for request, _response in httpserver.log] == [
        "/api/connexion/", "/api/aids/", "/api/aids/",
    ]  # fmt: skip
    assert "1 enregistrement illisible" in outcome.warning


def test_an_aid_carries_financers_aid_types_audiences_and_eligibility(httpserver):
    source = aides_source(serve_aides(httpserver))
    collect_source(source)

    residences = aids(source)["Soutien aux résidences d'artistes en territoire"]

    assert residences.kind == Item.Kind.CALL
    assert residences.url == httpserver.url_for("/aides/a1b2-soutien-aux-residences-dartistes/")
    assert timezone.localtime(residences.deadline).strftime("%Y-%m-%d %H:%M") == "2027-02-15 23:59"
    assert residences.facts["financers"] == ["DRAC Auvergne-Rhône-Alpes"]
    assert residences.facts["aid_types"] == ["Subvention"]
    assert residences.facts["applicants"] == ["Associations", "Communes"]
    assert residences.facts["eligibility"].startswith("Structures culturelles professionnelles")


def test_a_permanent_aid_has_no_deadline_and_says_so(httpserver):
    source = aides_source(serve_aides(httpserver))
    collect_source(source)

    fund = aids(source)["Fonds régional pour l'économie sociale et solidaire dans la culture"]

    assert fund.permanent and fund.deadline is None
    assert fund.facts["permanent"] is True
    assert fund.facts["financers"] == ["Région Auvergne-Rhône-Alpes", "France Active"]


def test_a_pre_deposit_date_makes_two_stages(httpserver):
    source = aides_source(serve_aides(httpserver))
    collect_source(source)

    heritage = aids(source)["Appel à projets patrimoine en milieu rural"]

    assert heritage.facts["deadline_model"] == "two-stage"
    assert [value[:10] for value in heritage.facts["deadlines"]] == ["2027-01-10", "2027-03-31"]
    assert timezone.localtime(heritage.deadline).date().isoformat() == "2027-03-31"


def test_an_aid_opening_later_is_forthcoming(httpserver):
    source = aides_source(serve_aides(httpserver))
    collect_source(source)

    diffusion = aids(source)["Aide à la diffusion des spectacles vivants"]

    assert diffusion.facts["status"] == "forthcoming"
    assert timezone.localtime(diffusion.opens_at).date().isoformat() == "2027-02-01"


def test_without_api_key_the_source_pauses_with_a_clear_message(httpserver, settings):
    settings.WATCH_AIDES_TERRITOIRES_API_KEY = ""
    source = aides_source(serve_aides(httpserver))

    outcome = collect_source(source)

    source.refresh_from_db()
    assert not outcome.ok and outcome.paused
    assert source.is_paused
    assert "AIDES_TERRITOIRES_API_KEY" in source.paused_reason
    assert source.paused_reason.startswith("la clé d’API Aides-territoires est absente")
    assert httpserver.log == []  # nothing was asked of the API


def test_a_refused_key_is_told_in_words(httpserver):
    httpserver.expect_request(AT_BASE + "connexion/", method="POST").respond_with_json(
        {"detail": "Invalid token"}, status=401
    )
    source = aides_source(httpserver.url_for(AT_BASE))

    outcome = collect_source(source)

    assert not outcome.ok
    assert outcome.error.startswith("Aides-territoires a refusé la clé d’API (401)")


@pytest.fixture
def other_server():
    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    yield server
    server.stop()


def test_the_token_never_follows_a_redirect_to_another_host(httpserver, other_server):
    httpserver.expect_request(AT_BASE + "connexion/", method="POST").respond_with_json(
        {"token": "secret"}
    )
    httpserver.expect_request(AT_BASE + "aids/").respond_with_data(
        "", status=302, headers={"Location": other_server.url_for("/ailleurs")}
    )
    other_server.expect_request("/ailleurs").respond_with_json(
        {"count": 0, "next": None, "results": []}
    )
    source = aides_source(httpserver.url_for(AT_BASE))

    outcome = collect_source(source)

    assert outcome.ok, outcome.error
    (request, _response) = other_server.log[0]
    assert "Authorization" not in request.headers


def test_an_aid_whose_link_is_not_a_web_address_is_skipped_and_counted(frozen_now):
    page = {
        "count": 2,
        "next": None,
        "results": [
            {"id": 1, "name": "Piège", "url": "javascript:alert(1)"},
            {"id": 2, "name": "Aide sage", "url": "/aides/sage/"},
        ],
    }

    result = records_from_pages(
        "aides-territoires", [page], {}, "https://aides-territoires.beta.gouv.fr/api/"
    )

    assert [record.title for record in result.records] == ["Aide sage"]
    assert result.records[0].url == "https://aides-territoires.beta.gouv.fr/aides/sage/"
    assert result.warning == "1 enregistrement illisible a été ignoré"
