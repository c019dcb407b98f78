"""Template filters for a portal call's facts (`Item.facts`, or a previewed record's)."""

from django import template

from watch.collection.portals import facts as call_facts

register = template.Library()


@register.filter
def deadlines(facts: dict) -> list:
    """Every deadline of a call, as date-times (stored as ISO text)."""
    return call_facts.deadlines(facts or {})


@register.filter
def staged(facts: dict) -> bool:
    return call_facts.is_staged(facts or {})


@register.filter
def money(amount) -> str:
    return call_facts.format_money(amount)
