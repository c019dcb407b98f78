"""Portal calls on the public side (calls page, calendar, digest) and in the admin and command."""

import re
from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from tests.watch.portals import AT_KEY, aides_source, eu_source, serve_aides, serve_eu
from watch.collection.collect import collect_source
from watch.collection.models import CallsIndexPage, Item, Source
from watch.mailing.digests import DigestContent, build_draft
from watch.mailing.models.subscribers import Rhythm

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def calls_page(home):
    page = CallsIndexPage(title="Appels à projets", slug="appels-a-projets")
    home.add_child(instance=page)
    return page


@pytest.fixture
def european_calls(httpserver, frozen_now, settings):
    """The recorded European topics, collected and accepted by the editors."""
    settings.WATCH_PORTAL_PAGE_SIZE = 3
    source = eu_source(serve_eu(httpserver))
    collect_source(source)
    Item.accept_in_bulk(list(source.items.values_list("pk", flat=True)), now=frozen_now)
    return {item.facts["identifier"]: item for item in source.items.all()}


def test_calls_page_shows_programme_badge_opening_date_and_two_stages(
    client, calls_page, european_calls, django_assert_max_num_queries
):
    with django_assert_max_num_queries(30):
        html = client.get(calls_page.url).content.decode()

    assert html.count('class="badge badge--programme"') == 5
    assert "Europe créative" in html
    # The forthcoming film call: its opening date, and its deadline.
    assert "Bientôt ouvert" in html and "Ouverture :" in html and "jeudi 14 janvier 2027" in html
    # The two-stage Horizon topic: « 2 étapes », each with its date.
    assert "2 étapes" in html
    assert "Étape 1 :" in html and "mercredi 10 février 2027 à 17\N{NO-BREAK SPACE}h" in html
    assert "Étape 2 :" in html and "mercredi 15 septembre 2027 à 17\N{NO-BREAK SPACE}h" in html
    assert "60\N{NO-BREAK SPACE}000\N{NO-BREAK SPACE}000 €" in html or "60 000 000 €" in html


def test_closed_portal_calls_leave_the_calls_page_for_the_archive(
    client, calls_page, european_calls, monkeypatch
):
    after = datetime(2027, 3, 10, 12, 0, tzinfo=PARIS)  # Culture and CERV deadlines passed
    monkeypatch.setattr(timezone, "now", lambda: after)

    html = client.get(calls_page.url).content.decode()
    archive = client.get(calls_page.url + "archives/").content.decode()

    assert "European cooperation projects" not in html
    assert "European cooperation projects" in archive
    assert "European film distribution" in html  # closes in April


def test_the_calendar_has_one_event_per_deadline(client, european_calls):
    response = client.get(reverse("watch:calls_ics"))

    events = Calendar.from_ical(response.content).walk("VEVENT")
    summaries = sorted(str(event["summary"]) for event in events)
    staged = [summary for summary in summaries if "Cultural heritage" in summary]
    assert staged == [
        "Date limite, étape 1 sur 2 : Cultural heritage in the digital age: creative reuse",
        "Date limite, étape 2 sur 2 : Cultural heritage in the digital age: creative reuse",
    ]
    assert len(events) == 5  # four calls with dates, one of them in two stages
    uids = {str(event["uid"]) for event in events}
    assert len(uids) == 5
    coop = next(event for event in events if "cooperation" in str(event["summary"]))
    assert "Programme : Europe créative" in str(coop["description"])


def test_the_digest_shows_a_calls_facts(home, european_calls):
    monday = datetime(2026, 11, 23, 8, 0, tzinfo=PARIS)
    digest = build_draft(Rhythm.WEEKLY, now=monday)

    content = DigestContent(digest, now=monday).fragments
    heritage = european_calls["HORIZON-CL2-2027-HERITAGE-01-02"]
    html = content.entry_html[f"item:{heritage.pk}"]
    text = content.entry_text[f"item:{heritage.pk}"]

    assert "Programme : Horizon Europe — cluster 2" in text
    assert "Référence : HORIZON-CL2-2027-HERITAGE-01-02" in text
    assert "2 étapes : 10 février 2027, 15 septembre 2027" in text
    assert "Budget : 12" in html
    # The topic is in English, the letter in French: its title and summary say so (lang).
    assert re.search(r'<h3 [^>]*lang="en"', html) and re.search(r'<p [^>]*lang="en"', html)


def test_the_digest_shows_an_aids_financers_and_that_it_is_permanent(
    home, httpserver, frozen_now, settings
):
    settings.WATCH_AIDES_TERRITOIRES_API_KEY = AT_KEY
    settings.WATCH_PORTAL_PAGE_SIZE = 3
    source = aides_source(serve_aides(httpserver))
    collect_source(source)
    Item.accept_in_bulk(list(source.items.values_list("pk", flat=True)), now=frozen_now)
    monday = datetime(2026, 11, 23, 8, 0, tzinfo=PARIS)

    content = DigestContent(build_draft(Rhythm.WEEKLY, now=monday), now=monday).fragments
    fund = source.items.get(permanent=True)
    text = content.entry_text[f"item:{fund.pk}"]

    assert "Financeurs : Région Auvergne-Rhône-Alpes, France Active" in text
    assert "Types d’aide : Prêt, Garantie" in text and "Sans date limite" in text
    assert "Référence" not in text  # an Aides-territoires number means nothing to a reader


# --- Admin -------------------------------------------------------------------------------------


@pytest.fixture
def admin_client(client, home):
    user = get_user_model().objects.create_superuser("redac", "redac@example.org", "secret")
    client.force_login(user)
    return client


def eu_form(url: str, **extra) -> dict:
    return {
        "name": "Portail européen — Europe créative",
        "url": url,
        "kind": "eu-funding",
        "publishes": "calls",
        "active": "on",
        "fetch_interval": "360",
        "eu_programmes": ["CREA"],
        "eu_statuses": ["open", "forthcoming"],
        "keywords": "",
        **extra,
    }


def test_editor_tests_a_new_portal_source_before_saving_it(
    admin_client, httpserver, frozen_now, settings
):
    settings.WATCH_PORTAL_PAGE_SIZE = 3
    url = serve_eu(httpserver)

    response = admin_client.post(reverse("watch_source_test_unsaved"), eu_form(url))

    html = response.content.decode()
    assert response.status_code == 200
    assert "European cooperation projects" in html and "European film distribution" in html
    assert "Cultural heritage" not in html  # not Creative Europe
    assert "badge--programme" in html
    assert "2 pages de résultats" in html
    assert not Source.objects.exists()


def test_the_preview_of_an_unsaved_source_lists_form_errors(admin_client):
    response = admin_client.post(
        reverse("watch_source_test_unsaved"), eu_form("ftp://example.org/")
    )

    assert response.status_code == 200
    assert "Le formulaire contient des erreurs" in response.content.decode()


def test_editor_creates_a_portal_source_with_its_filters(admin_client):
    response = admin_client.post(
        reverse("wagtailsnippets_watch_source:add"),
        eu_form(
            "https://api.tech.ec.europa.eu/search-api/prod/rest/search",
            eu_programmes=["CREA", "HORIZON-CL2"],
            keywords="patrimoine, heritage",
        ),
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    source = Source.objects.get()
    assert source.kind == "eu-funding"
    assert source.portal_filters == {
        "programmes": ["CREA", "HORIZON-CL2"],
        "statuses": ["open", "forthcoming"],
        "keywords": ["patrimoine", "heritage"],
    }
    edit = admin_client.get(reverse("wagtailsnippets_watch_source:edit", args=[source.pk]))
    assert re.search(r'value="HORIZON-CL2"[^>]*checked', edit.content.decode())


def test_wrong_aides_territoires_filters_are_refused_in_words(admin_client):
    response = admin_client.post(
        reverse("wagtailsnippets_watch_source:add"),
        {
            "name": "Aides",
            "url": "https://aides-territoires.beta.gouv.fr/api/",
            "kind": "aides-territoires",
            "publishes": "calls",
            "fetch_interval": "360",
            "at_categories": "Patrimoine culturel",
        },
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Champ « Catégories » : « Patrimoine culturel » n’est pas un identifiant" in page
    assert not Source.objects.exists()


# --- Command -------------------------------------------------------------------------------------


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_source_add_creates_a_european_source_with_its_filters():
    out, _err = run(
        "watch_source_add", "Europe créative", "https://api.tech.ec.europa.eu/search-api/prod/rest/search",
        "--kind", "eu-funding", "--programme", "CREA", "--programme", "ERASMUS",
        "--status", "open", "--keyword", "patrimoine",
    )  # fmt: skip

    source = Source.objects.get(pk=int(out.strip()))
    assert source.kind == "eu-funding" and source.publishes == "calls"
    assert source.portal_filters == {
        "programmes": ["CREA", "ERASMUS"], "statuses": ["open"], "keywords": ["patrimoine"],
    }  # fmt: skip


def test_source_add_refuses_an_unknown_programme():
    with pytest.raises(CommandError, match="Programme inconnu : MEDIA"):
        run(
            "watch_source_add", "UE", "https://api.tech.ec.europa.eu/search-api/prod/rest/search",
            "--kind", "eu-funding", "--programme", "MEDIA",
        )  # fmt: skip


def test_source_add_of_aides_territoires_says_when_the_key_is_missing(settings):
    settings.WATCH_AIDES_TERRITOIRES_API_KEY = ""
    out, err = run(
        "watch_source_add", "Aides culture", "https://aides-territoires.beta.gouv.fr/api/",
        "--kind", "aides-territoires", "--category", "culture", "--audience", "association",
        "--perimeter", "70973-auvergne-rhone-alpes",
    )  # fmt: skip

    source = Source.objects.get(pk=int(out.strip()))
    assert source.portal_filters == {
        "categories": ["culture"], "audiences": ["association"],
        "perimeter": "70973-auvergne-rhone-alpes",
    }  # fmt: skip
    assert "AIDES_TERRITOIRES_API_KEY" in err


def test_aides_territoires_source_from_the_command_collects(httpserver, settings, frozen_now):
    settings.WATCH_AIDES_TERRITOIRES_API_KEY = AT_KEY
    settings.WATCH_PORTAL_PAGE_SIZE = 3
    out, _err = run(
        "watch_source_add", "Aides culture", serve_aides(httpserver),
        "--kind", "aides-territoires", "--category", "culture", "--audience", "association",
        "--perimeter", "70973-auvergne-rhone-alpes",
    )  # fmt: skip

    outcome = collect_source(Source.objects.get(pk=int(out.strip())))

    assert outcome.ok and outcome.new == 4


def test_the_item_editor_shows_a_portal_calls_facts(admin_client, european_calls):
    coop = european_calls["CREA-CULT-2027-COOP"]

    response = admin_client.get(reverse("wagtailsnippets_watch_item:edit", args=[coop.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "CREA-CULT-2027-COOP" in html and "Ouverture" in html
