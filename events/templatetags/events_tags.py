"""Template helpers of the events app."""

from django import template

from events import dates

register = template.Library()


@register.filter
def event_dates(event) -> str:
    """« mardi 8 décembre 2026, 9 h 30 – 12 h » in Europe/Paris."""
    return dates.event_dates(event.start, event.end)


@register.simple_tag
def accessible_widget(field):
    """The field's widget tied to its help text and errors (aria-describedby, aria-invalid)."""
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}-help")
    if field.errors:
        described_by.append(f"{field.auto_id}-errors")
    attrs = {}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)
