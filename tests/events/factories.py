"""Factories for the events app."""

from datetime import timedelta

import factory
from django.utils import timezone

from events.models import AgendaPage, EventCyclePage, EventPage, Venue


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Lieu {n}")
    street_address = "1 place de Jaude"
    postal_code = "63000"
    city = "Clermont-Ferrand"
    access = "Tram A, arrêt Jaude."
    step_free_access = True
    accessibility = "Entrée de plain-pied, ascenseur jusqu'à la salle."


def add_agenda(home) -> AgendaPage:
    agenda = AgendaPage(title="Agenda", slug="agenda")
    home.add_child(instance=agenda)
    return agenda


def add_cycle(parent, year: int = 2026, **fields) -> EventCyclePage:
    cycle = EventCyclePage(
        title=fields.pop("title", f"Cycle {year}"),
        slug=fields.pop("slug", f"cycle-{year}"),
        year=year,
        **fields,
    )
    parent.add_child(instance=cycle)
    cycle.save_revision().publish()
    return cycle


_counter = iter(range(1, 10_000_000))


def add_event(
    parent, *, days_ahead: float = 10, hours: float = 3, themes=(), **fields
) -> EventPage:
    """An event published under `parent` (publishing runs the same signals as the admin)."""
    number = next(_counter)
    start = fields.pop("start", timezone.now() + timedelta(days=days_ahead))
    fields.setdefault("venue", VenueFactory())
    event = EventPage(
        title=fields.pop("title", f"Atelier {number}"),
        slug=fields.pop("slug", f"atelier-{number}"),
        start=start,
        end=fields.pop("end", start + timedelta(hours=hours)),
        **fields,
    )
    parent.add_child(instance=event)
    if themes:
        event.themes.set(themes)
    event.save_revision().publish()
    event.refresh_from_db()
    return event
