"""What visitors see: the agenda, cycles, event pages, the form's refusals, calendars, JSON-LD."""

import json
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from events.choices import EventFormat, RegistrationMode
from events.models import Registration
from events.queries import upcoming_open_events
from tests.events.conftest import form_data, page_text, register_path
from tests.events.factories import add_cycle, add_event
from tests.factories import ThemeFactory

pytestmark = pytest.mark.django_db


def _json_ld(response) -> dict:
    pattern = r'<script type="application/ld\+json">(.*?)</script>'
    match = re.search(pattern, page_text(response), re.S)
    return json.loads(match.group(1))


def test_agenda_lists_upcoming_events_in_order_and_archives_past_ones(client, agenda, cycle):
    later = add_event(cycle, days_ahead=20, title="Masterclass son spatialisé")
    sooner = add_event(cycle, days_ahead=5, title="Atelier décors réemployés")
    add_event(cycle, days_ahead=-30, title="Rencontre de l'an dernier")
    body = page_text(client.get(agenda.url))
    assert body.index(sooner.title) < body.index(later.title)
    assert "Rencontre de l'an dernier" not in body
    archive = page_text(client.get(agenda.url + "?periode=passes"))
    assert "Rencontre de l'an dernier" in archive and sooner.title not in archive


def test_agenda_filters_by_format_theme_and_month(client, agenda, cycle):
    ecology = ThemeFactory(name="Transition écologique")
    workshop = add_event(cycle, days_ahead=3, format=EventFormat.WORKSHOP, themes=[ecology])
    hackathon = add_event(cycle, days_ahead=40, format=EventFormat.HACKATHON)
    by_format = page_text(client.get(agenda.url, {"format": "hackathon"}))
    assert hackathon.title in by_format and workshop.title not in by_format
    by_theme = page_text(client.get(agenda.url, {"thematique": ecology.slug}))
    assert workshop.title in by_theme and hackathon.title not in by_theme
    month = timezone.localtime(hackathon.start).strftime("%Y-%m")
    by_month = page_text(client.get(agenda.url, {"mois": month}))
    assert hackathon.title in by_month and workshop.title not in by_month
    # A made-up month is ignored rather than breaking the page.
    assert client.get(agenda.url, {"mois": "2099-99", "format": "x"}).status_code == 200


def test_agenda_query_count_does_not_grow_with_events(
    client, agenda, cycle, django_assert_max_num_queries
):
    themes = [ThemeFactory(name="Innovation"), ThemeFactory(name="Numérique")]
    for day in range(1, 4):
        add_event(cycle, days_ahead=day, themes=themes)
    client.get(agenda.url)  # warm the site-root cache
    with django_assert_max_num_queries(20) as few:
        client.get(agenda.url)
    for day in range(4, 13):
        add_event(cycle, days_ahead=day, themes=themes)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(agenda.url)
    assert page_text(response).count('class="card event-card') == 12


def test_cycle_page_splits_upcoming_and_past_events(client, cycle):
    add_event(cycle, days_ahead=4, title="Atelier à venir")
    add_event(cycle, days_ahead=-4, title="Atelier passé")
    body = page_text(client.get(cycle.url))
    assert body.index("Prochains rendez-vous") < body.index("Atelier à venir")
    assert body.index("Rendez-vous passés") < body.index("Atelier passé")


def test_form_errors_are_listed_in_a_summary_and_tied_to_their_fields(client, cycle):
    event = add_event(cycle, capacity=5)
    form_page = page_text(client.get(event.url))
    action = re.search(
        r'<form method="post" action="([^"#]+)[^"]*"[^>]*registration-form', form_page
    )
    response = client.post(action.group(1), form_data(email="pas-une-adresse", consent=""))
    body = page_text(response)
    assert response.status_code == 400
    assert 'id="error-summary"' in body
    assert "Cette adresse e-mail est incomplète" in body
    assert 'aria-describedby="id_email-help id_email-errors"' in body
    assert 'aria-invalid="true"' in body
    assert "Cochez cette case pour vous inscrire" in body
    assert 'value="Camille Martin"' in body  # nothing typed is lost
    assert event.title in body and cycle.title in body  # the event page itself, with the form
    assert 'type="application/ld+json"' in body  # its whole context, not just the form
    assert not Registration.objects.exists()
    assert client.post(action.group(1), form_data()).status_code == 302


def test_registering_to_an_unpublished_event_is_not_found(client, cycle):
    event = add_event(cycle, capacity=5)
    event.unpublish()
    response = client.post(register_path(event), form_data())
    assert response.status_code == 404
    assert not Registration.objects.exists()


def test_the_event_page_itself_takes_no_post_and_registers_nobody(client, cycle):
    event = add_event(cycle, capacity=5)
    response = client.post(event.url, form_data())
    assert response.status_code == 405
    assert not Registration.objects.exists()


def test_opening_the_form_address_again_leads_back_to_the_event(client, cycle):
    event = add_event(cycle, capacity=5)
    response = client.get(register_path(event))
    assert response.status_code == 302
    assert response["Location"] == f"{event.url}#inscription"


def test_an_event_page_showing_the_form_never_enters_the_page_cache(client, cycle, settings):
    settings.PAGE_CACHE_SECONDS = 300
    with_form = add_event(cycle, capacity=5)
    free_entry = add_event(cycle, registration_mode=RegistrationMode.NONE)
    client.get(with_form.url)  # from now on this visitor holds a CSRF cookie
    assert "X-Page-Cache" not in client.get(with_form.url)
    client.get(free_entry.url)
    assert client.get(free_entry.url)["X-Page-Cache"] == "hit"  # no form, no token: cached
    # The next visitor gets a token of their own, so their registration goes through.
    newcomer = Client(enforce_csrf_checks=True)
    form_page = page_text(newcomer.get(with_form.url))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form_page).group(1)
    data = form_data(csrfmiddlewaretoken=token)
    assert newcomer.post(register_path(with_form), data).status_code == 302


def test_duplicate_email_gets_a_friendly_message_on_the_email_field(client, cycle):
    event = add_event(cycle, capacity=5)
    client.post(register_path(event), form_data())
    response = client.post(register_path(event), form_data(email="CAMILLE@example.org"))
    assert response.status_code == 409
    assert "déjà inscrite à cet événement" in page_text(response)
    assert Registration.objects.count() == 1


def test_honeypot_filled_by_a_robot_registers_nobody(client, cycle):
    event = add_event(cycle, capacity=5)
    response = client.post(register_path(event), form_data(website="http://spam.example"))
    assert response.status_code == 400
    assert "n'a pas pu être enregistrée" in page_text(response)
    assert not Registration.objects.exists()


def test_rate_limit_stops_a_flood_from_one_address_with_a_french_message(client, cycle, settings):
    settings.EVENTS_REGISTRATION_RATE_LIMIT = (3, 600)
    path = register_path(add_event(cycle, capacity=50))
    for number in range(3):
        assert client.post(path, form_data(email=f"p{number}@example.org")).status_code == 302
    blocked = client.post(path, form_data(email="p9@example.org"))
    assert blocked.status_code == 429
    assert "Trop de tentatives" in page_text(blocked)
    assert 'value="p9@example.org"' in page_text(blocked)
    other_ip = client.post(path, form_data(email="p9@example.org"), REMOTE_ADDR="10.1.2.3")
    assert other_ip.status_code == 302


def test_full_event_page_offers_the_waiting_list(client, cycle, register):
    event = add_event(cycle, capacity=1)
    register(event, "a@example.org")
    body = page_text(client.get(event.url))
    assert "M’inscrire sur la liste d’attente" in body
    response = client.post(register_path(event), form_data(email="b@example.org"), follow=True)
    assert "en position 1 sur la liste d’attente" in page_text(response)


def test_on_approval_event_confirms_the_request_is_awaiting_the_team(client, cycle):
    event = add_event(cycle, capacity=5, registration_mode=RegistrationMode.APPROVAL)
    response = client.post(register_path(event), form_data(), follow=True)
    assert "Votre demande est enregistrée" in page_text(response)


def test_event_ics_download_and_feeds_parse_and_keep_stable_uids(client, agenda, cycle):
    event = add_event(cycle, days_ahead=6, title="Hackathon sobriété numérique")
    other_cycle = add_cycle(agenda, year=2025, slug="cycle-2025")
    add_event(other_cycle, days_ahead=8, title="Autre cycle")

    download = client.get(f"/evenements/{event.pk}.ics")
    assert download["Content-Type"].startswith("text/calendar")
    [vevent] = Calendar.from_ical(download.content).walk("VEVENT")
    assert str(vevent["UID"]) == f"event-{event.pk}@testserver"
    assert str(vevent["SUMMARY"]) == "Hackathon sobriété numérique"
    assert vevent.decoded("DTSTART").utcoffset() == timedelta(0)

    feed = Calendar.from_ical(client.get("/evenements/agenda.ics").content)
    assert str(feed["METHOD"]) == "PUBLISH"
    assert len(feed.walk("VEVENT")) == 2
    cycle_feed = Calendar.from_ical(client.get(f"/evenements/cycle/{cycle.pk}.ics").content)
    assert [str(v["SUMMARY"]) for v in cycle_feed.walk("VEVENT")] == [event.title]
    again = Calendar.from_ical(client.get("/evenements/agenda.ics").content)
    assert {str(v["UID"]) for v in again.walk("VEVENT")} == {
        str(v["UID"]) for v in feed.walk("VEVENT")
    }


def test_event_page_carries_schema_org_event_with_offsets(client, cycle):
    event = add_event(cycle, capacity=5, price=0)
    data = _json_ld(client.get(event.url))
    assert data["@type"] == "Event"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert re.search(r"[+-]\d\d:\d\d$", data["startDate"])
    assert data["location"]["address"]["addressLocality"] == "Clermont-Ferrand"
    assert data["offers"]["price"] == "0.00"


def test_upcoming_open_events_keeps_only_events_open_for_registration(cycle):
    theme = ThemeFactory(name="Europe")
    open_soon = add_event(cycle, days_ahead=3, themes=[theme])
    add_event(cycle, days_ahead=4, registration_mode=RegistrationMode.NONE)
    add_event(cycle, days_ahead=5, registration_opens_at=timezone.now() + timedelta(days=1))
    add_event(cycle, days_ahead=60)
    add_event(cycle, days_ahead=-1)
    events = list(upcoming_open_events(timezone.now() + timedelta(days=30)))
    assert events == [open_soon]
    assert [t.name for t in events[0].themes.all()] == ["Europe"]


def test_home_page_teases_the_next_events(client, home, agenda, cycle):
    add_event(cycle, days_ahead=2, title="Rencontre pro numérique")
    body = page_text(client.get(home.url))
    assert "Prochains événements" in body and "Rencontre pro numérique" in body
    assert "Tout l’agenda" in body


def test_next_events_teaser_costs_two_queries_whatever_the_number_of_events(
    rf, home, agenda, cycle, django_assert_max_num_queries
):
    from events.wagtail_hooks import next_events_teaser

    for day in range(1, 7):
        add_event(cycle, days_ahead=day)
    request = rf.get("/")
    next_events_teaser(request)  # warm Wagtail's site-root cache, as any page view does
    with django_assert_max_num_queries(2):
        teaser = next_events_teaser(request)
    assert len(teaser["items"]) == 4
    assert teaser["items"][0]["url"].startswith("/agenda/")


def test_private_events_stay_out_of_the_teaser_and_the_agenda(rf, client, agenda, cycle):
    from wagtail.models import PageViewRestriction

    from events.wagtail_hooks import next_events_teaser

    public = add_event(cycle, days_ahead=2, title="Atelier ouvert à tous")
    private_cycle = add_cycle(agenda, year=2030, slug="cycle-reserve")
    add_event(private_cycle, days_ahead=3, title="Atelier réservé aux adhérents")
    PageViewRestriction.objects.create(page=private_cycle, restriction_type="login")
    titles = [item["title"] for item in next_events_teaser(rf.get("/"))["items"]]
    assert titles == [public.title]
    assert "Atelier réservé aux adhérents" not in page_text(client.get(agenda.url))
