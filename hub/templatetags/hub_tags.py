"""Small template helpers shared across apps."""

import json
import re

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from hub import dates
from hub.forms import error_summary

register = template.Library()


@register.simple_tag
def json_ld(data):
    """A schema.org JSON-LD script tag; `<` is escaped so the payload cannot close the tag."""
    if not data:
        return ""
    payload = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    request = context.get("request")
    if request is not None:
        return request.build_absolute_uri(path)
    from django.conf import settings

    return settings.SITE_URL + path


@register.simple_tag(takes_context=True)
def query_string(context, **changes):
    """The current query string with some parameters replaced (e.g. page=2), for links."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag
def accessible_widget(field):
    """The field's widget tied to its help text and errors (aria-describedby, aria-invalid).

    The help text and error list carry the ids `<auto_id>-help` and `<auto_id>-errors`.
    """
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
    if field.field.required:
        attrs["required"] = True
    return field.as_widget(attrs=attrs)


@register.simple_tag
def kind_line(kind, detail="") -> str:
    """« Guide · Référentiel », « Accompagnement · Individuel et collectif »; the detail alone
    when it already names the kind (« Guide pratique », not « Guide · Guide pratique »)."""
    kind, detail = str(kind), str(detail or "")
    if not detail:
        return kind
    if kind.casefold() in detail.casefold().split():
        return detail
    return f"{kind} · {detail}"


_BEFORE_PUNCTUATION = re.compile(r" ([?!:;»])")
_AFTER_GUILLEMET = re.compile(r"« ")


@register.filter
def lang_attr(language) -> str:
    """` lang="en"` for a text in another language than the page's (WCAG 3.1.2, language of
    parts): a collected call in English on a French page, an editor's French note on /en/."""
    language = str(language or "")
    current = get_language() or settings.LANGUAGE_CODE
    if not language or language.split("-")[0].lower() == current.split("-")[0].lower():
        return ""
    return format_html(' lang="{}"', language)


@register.filter
def french_spacing(text) -> str:
    """Titles and questions written by editors: the space before « ? ! : ; » » and after « «
    made non-breaking, so the sign never ends up alone at the start of a line."""
    text = _BEFORE_PUNCTUATION.sub("\u00a0\\1", str(text))
    return _AFTER_GUILLEMET.sub("«\u00a0", text)


@register.filter
def plural_number(value) -> int:
    """A count for {% blocktranslate count %}: 1,5 jour is singular in French, 2,5 jours plural."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


# Dates and times in the site's one style (hub.dates), in the active language.
register.filter("long_date", dates.long_date)
register.filter("plain_date", dates.plain_date)
register.filter("short_time", dates.short_time)
register.filter("long_datetime", dates.long_datetime)
register.filter("deadline", dates.deadline)  # no « à 23 h 59 »: the day says it


@register.filter
def date_range(start, end) -> str:
    """{{ start|date_range:end }} → « du 10 au 12 décembre 2026 »."""
    return dates.date_range(start, end)


@register.filter
def time_range(start, end) -> str:
    """{{ start|time_range:end }} → « 18 h – 20 h »."""
    return dates.time_range(start, end)


@register.simple_tag
def error_summary_items(form) -> list:
    """The lines of a refused form's error summary (see templates/includes/error_summary.html)."""
    return error_summary(form)
