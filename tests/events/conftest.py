"""Fixtures of the events tests: an agenda, a cycle and a way to register people."""

from html import unescape

import pytest
from django.urls import reverse

from events import booking
from tests.events.factories import add_agenda, add_cycle


@pytest.fixture
def agenda(home):
    return add_agenda(home)


@pytest.fixture
def cycle(agenda):
    return add_cycle(agenda)


@pytest.fixture
def register():
    def _register(event, email, name="Camille Martin", notify=True, **fields):
        applicant = booking.Applicant(name=name, email=email, **fields)
        return booking.register(event, applicant, notify=notify)

    return _register


def form_data(**overrides) -> dict:
    data = {
        "name": "Camille Martin",
        "email": "camille@example.org",
        "organisation": "Compagnie des Volcans",
        "role": "Chargée de production",
        "accessibility_needs": "",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def register_path(event) -> str:
    """Where the event page's registration form posts (the page itself takes no POST)."""
    return reverse("events_register", args=[event.pk])


def page_text(response) -> str:
    """The response body as a person reads it (entities such as &#x27; decoded)."""
    return unescape(response.content.decode())
