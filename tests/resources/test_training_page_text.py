"""A training programme page reads as written French: plurals, labels said once, date ranges."""

import datetime

import pytest

from resources.models import TrainingSession
from tests.resources.factories import TrainingProgrammePageFactory

pytestmark = pytest.mark.django_db


def page_of(client, index, **fields) -> str:
    programme = TrainingProgrammePageFactory(parent=index, title="Éclairage scénique", **fields)
    TrainingSession.objects.create(
        page=programme,
        start_date=datetime.date(2026, 6, 1),
        end_date=datetime.date(2026, 6, 3),
        registration_url="https://example.org/inscription",
    )
    return client.get(programme.url).content.decode()


def test_durations_take_the_plural_they_need(client, index):
    assert "3 jours" in page_of(client, index, duration_days=3)
    assert "1,5 jour<" in page_of(client, index, slug="demi", duration_days="1.5")
    assert "jour(s)" not in page_of(client, index, slug="un", duration_days=1)


def test_the_disability_contact_label_is_said_once_and_sessions_read_as_a_range(client, index):
    html = page_of(client, index, accessibility_contact="Claire Martin, handicap@exemple.fr")
    assert "Référent handicap : Claire Martin, handicap@exemple.fr" in html
    assert html.count("handicap :") == 1
    assert "du 1er au 3 juin 2026" in html
    assert 'S’inscrire<span class="visually-hidden"> à la session du 1er juin 2026' in html
