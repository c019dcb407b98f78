"""Applying to a programme: structured answers, consent recorded, caps, refusals in French."""

import datetime

import pytest
from django.utils import timezone

from resources.mentoring.applications import close_due_calls
from resources.mentoring.models import CONSENT_VERSION, Application
from resources.mentoring.tasks import close_calls
from tests.factories import SectorFactory, TerritoryFactory
from tests.mentoring.factories import DomainFactory
from tests.smtp import html_part, text_part

pytestmark = pytest.mark.django_db


@pytest.fixture
def taxonomy():
    return {
        "territory": TerritoryFactory(name="Puy-de-Dôme"),
        "sector": SectorFactory(name="Spectacle vivant"),
        "payroll": DomainFactory(name="Administration et paie"),
        "touring": DomainFactory(name="Diffusion et tournée"),
    }


def answers(taxonomy, **overrides):
    data = {
        "kind": "offer",
        "name": "Paul Mercier",
        "email": "paul@lefil.test",
        "structure": "Le Fil",
        "role": "Administrateur",
        "territory": taxonomy["territory"].pk,
        "sectors": [taxonomy["sector"].pk],
        "domains": [taxonomy["payroll"].pk, taxonomy["touring"].pk],
        "hours_per_month": "4",
        "available_from": "2027-01-01",
        "available_until": "2027-06-30",
        "format": "either",
        "capacity": "2",
        "message": "Vingt ans d'administration de compagnies.",
        "public_profile": "on",
        "consent": "on",
    }
    data.update(overrides)
    return data


def apply_url(programme):
    return f"/mentorat/{programme.pk}/candidater/"


def test_a_mentor_applies_and_gets_a_receipt_without_what_they_typed(
    client, programme, taxonomy, smtp_sink, django_capture_on_commit_callbacks
):
    page = client.get(programme.url).content.decode()
    assert 'name="domains"' in page and "Administration et paie" in page
    with django_capture_on_commit_callbacks(execute=True):  # the outbox sends after the commit
        response = client.post(apply_url(programme), answers(taxonomy, name="Paul <b>Spam</b>"))
    assert response.status_code == 200
    assert "votre candidature est bien envoyée" in response.content.decode()
    application = Application.objects.get()
    assert application.kind == "offer" and application.capacity == 2
    assert application.territory.name == "Puy-de-Dôme"
    assert {d.name for d in application.domains.all()} == {
        "Administration et paie",
        "Diffusion et tournée",
    }
    assert application.available_until == datetime.date(2027, 6, 30)
    assert application.consent_version == CONSENT_VERSION
    assert timezone.now() - application.consented_at < datetime.timedelta(minutes=1)
    [receipt] = smtp_sink.to("paul@lefil.test")
    assert receipt["Subject"] == "Candidature reçue : Mentorat entre pairs"
    for part in (text_part(receipt), html_part(receipt)):
        for typed in ("Paul", "Spam", "Le Fil", "Administrateur", "Vingt ans"):
            assert typed not in part


def test_a_seeker_has_no_capacity_nor_public_profile(client, programme, taxonomy, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client.post(apply_url(programme), answers(taxonomy, kind="seek", capacity="4"))
    application = Application.objects.get()
    assert (application.capacity, application.public_profile) == (1, False)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "name",
            "x" * 201,
            "Le champ « Nom et prénom » ne peut pas dépasser 200 caractères "
            "(vous en avez saisi 201).",
        ),
        ("message", "x" * 1501, "« En quelques lignes » ne peut pas dépasser 1500 caractères"),
        ("structure", "", "Indiquez votre structure"),
        ("email", "pas-une-adresse", "Cette adresse e-mail est incomplète"),
        ("hours_per_month", "90", "Indiquez 40 heures par mois au plus."),
        ("capacity", "9", "Indiquez 5 personnes au plus."),
        ("available_until", "2026-01-01", "Cette date doit suivre la date de début"),
        ("domains", [], "Choisissez au moins un domaine d’expertise."),
        ("consent", "", "Cochez cette case pour envoyer votre candidature"),
        ("kind", "", "Dites si vous proposez ou cherchez un mentorat."),
    ],
)
def test_invalid_answers_come_back_with_a_french_message_and_status_400(
    client, programme, taxonomy, smtp_sink, field, value, message
):
    response = client.post(apply_url(programme), answers(taxonomy, **{field: value}))
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html.replace("&#x27;", "'")
    assert "Votre candidature n’est pas encore enregistrée" in html
    assert 'aria-invalid="true"' in html
    assert "Le Fil" in html or field == "structure"  # nothing lost
    assert Application.objects.count() == 0
    assert smtp_sink.messages == []


def test_too_many_domains_are_refused(client, programme, taxonomy):
    many = [DomainFactory(name=f"Domaine {n}").pk for n in range(7)]
    response = client.post(apply_url(programme), answers(taxonomy, domains=many))
    assert response.status_code == 400
    assert "Choisissez 6 domaines au plus." in response.content.decode()


def test_robots_filling_the_honeypot_are_refused(client, programme, taxonomy, smtp_sink):
    response = client.post(apply_url(programme), answers(taxonomy, website="http://spam.test"))
    assert response.status_code == 400
    assert Application.objects.count() == 0
    assert smtp_sink.messages == []


def test_repeated_applications_are_slowed_down(client, programme, taxonomy, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MENTORING_APPLICATION_RATE_LIMIT = (2, 3600)
    for _ in range(2):
        client.post(apply_url(programme), answers(taxonomy))
    response = client.post(apply_url(programme), answers(taxonomy))
    assert response.status_code == 429
    assert "Trop de candidatures" in response.content.decode()
    assert Application.objects.count() == 2


def test_the_call_closes_at_its_deadline_and_the_task_records_it(
    client, programme, taxonomy, smtp_sink
):
    programme.deadline = timezone.now() - datetime.timedelta(minutes=1)
    programme.save()
    page = client.get(programme.url).content.decode()
    assert "appel à candidatures est clos" in page
    assert 'name="domains"' not in page
    response = client.post(apply_url(programme), answers(taxonomy))
    assert response.status_code == 409
    assert Application.objects.count() == 0
    assert close_calls() == 1
    programme.refresh_from_db()
    assert programme.closed_at is not None
    assert close_due_calls() == 0  # already closed


def test_an_open_call_is_not_closed_by_the_task(programme):
    assert close_due_calls() == 0
    programme.refresh_from_db()
    assert programme.is_open
