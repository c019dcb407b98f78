from events.models.pages import (
    AgendaPage,
    CyclePartner,
    EventCyclePage,
    EventPage,
    EventPageQuerySet,
    EventSpeaker,
)
from events.models.registrations import EventState, Registration, normalise_email
from events.models.venues import Venue

__all__ = [
    "AgendaPage",
    "CyclePartner",
    "EventCyclePage",
    "EventPage",
    "EventPageQuerySet",
    "EventSpeaker",
    "EventState",
    "Registration",
    "Venue",
    "normalise_email",
]
