"""Template helpers of the events app."""

from django import template

from events import dates

register = template.Library()


@register.filter
def event_dates(event) -> str:
    """« mardi 8 décembre 2026, 9 h 30 – 12 h » in Europe/Paris."""
    return dates.event_dates(event.start, event.end)
