"""Event dates written the French way, in Europe/Paris: « mardi 8 décembre 2026, 9 h 30 – 12 h »."""

from datetime import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _


def hour(value: datetime) -> str:
    value = timezone.localtime(value)
    return f"{value.hour} h" if value.minute == 0 else f"{value.hour} h {value.minute:02d}"


def day(value: datetime, with_year: bool = True) -> str:
    local = timezone.localtime(value)
    text = date_format(local, "l j F Y" if with_year else "l j F")
    if local.day == 1 and (get_language() or "").startswith("fr"):
        # French writes the first of the month as an ordinal: « vendredi 1er janvier ».
        text = text.replace(" 1 ", " 1er ", 1)
    return text


def event_dates(start: datetime | None, end: datetime | None) -> str:
    if start is None:
        return _("Date à venir")
    if end is None:
        return f"{day(start)}, {hour(start)}"
    local_start, local_end = timezone.localtime(start), timezone.localtime(end)
    if local_start.date() == local_end.date():
        return _("%(day)s, %(start)s – %(end)s") % {
            "day": day(start),
            "start": hour(start),
            "end": hour(end),
        }
    # Same year: the year is said once, at the end (« du mardi 22 décembre, 9 h, au … 2026 »).
    start_day = day(start, with_year=local_start.year != local_end.year)
    return _("du %(start_day)s, %(start)s, au %(end_day)s, %(end)s") % {
        "start_day": start_day,
        "start": hour(start),
        "end_day": day(end),
        "end": hour(end),
    }
