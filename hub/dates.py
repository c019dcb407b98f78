"""One way to write dates and times, on every page and in every e-mail, in the active language.

French: « jeudi 10 décembre 2026 », « 18 h », « 18 h 30 », « du 10 au 12 décembre 2026 »,
« 18 h – 20 h ». English: « Thursday 10 December 2026 », « 6 pm », « 6:30 pm ». The formats are
Django date formats, translated like any other string (each with a context telling the
translator what it is); aware datetimes are shown in the site's zone (Europe/Paris).
"""

from __future__ import annotations

import re
from datetime import date, datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import pgettext

_LONE_ONE = re.compile(r"(?<!\d)1(?!\d)")
NBSP = "\u00a0"


def _local(value: date | datetime) -> date | datetime:
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def _format(value: date | datetime, fmt: str) -> str:
    """`value` in `fmt`; the first of the month written as the language says it (« 1er »)."""
    text = date_format(value, fmt)
    if value.day == 1 and "j" in fmt:
        text = _LONE_ONE.sub(pgettext("first day of the month, in a date", "1er"), text, count=1)
    return text


def long_date(value: date | datetime | None, with_year: bool = True) -> str:
    """« jeudi 10 décembre 2026 » (« jeudi 10 décembre » when the year is said elsewhere)."""
    if value is None:
        return ""
    if with_year:
        fmt = pgettext("date format: weekday, day, month, year", "l j F Y")
    else:
        fmt = pgettext("date format: weekday, day, month", "l j F")
    return _format(_local(value), fmt)


def plain_date(value: date | datetime | None) -> str:
    """« 10 décembre 2026 »: publication dates, listings, where the weekday says nothing."""
    if value is None:
        return ""
    return _format(_local(value), pgettext("date format: day, month, year", "j F Y"))


def short_time(value: datetime | None) -> str:
    """« 18 h », « 18 h 30 » (English: « 6 pm », « 6:30 pm »), with non-breaking spaces."""
    if value is None:
        return ""
    local = _local(value)
    if local.hour < 12:
        fmt = (
            pgettext("time format, whole hour, morning", "G \\h")
            if local.minute == 0
            else pgettext("time format, hour and minutes, morning", "G \\h i")
        )
    else:
        fmt = (
            pgettext("time format, whole hour, afternoon", "G \\h")
            if local.minute == 0
            else pgettext("time format, hour and minutes, afternoon", "G \\h i")
        )
    # « 20 h 30 » never breaks across two lines: its spaces are non-breaking.
    return date_format(local, fmt).replace(" ", NBSP)


def long_datetime(value: datetime | None) -> str:
    """« jeudi 10 décembre 2026 à 18 h »."""
    if value is None:
        return ""
    return pgettext("a date and a time", "%(date)s à %(time)s") % {
        "date": long_date(value),
        "time": short_time(value),
    }


def deadline(value: datetime | None) -> str:
    """A call's deadline: « jeudi 10 décembre 2026 » when it is the end of the day (23 h 59),
    else with its hour, « jeudi 10 décembre 2026 à 12 h »."""
    if value is None:
        return ""
    local = _local(value)
    if (local.hour, local.minute) == (23, 59):
        return long_date(local)
    return long_datetime(local)


def time_range(start: datetime | None, end: datetime | None) -> str:
    """« 18 h – 20 h »."""
    if start is None:
        return ""
    if end is None:
        return short_time(start)
    return pgettext("a range of hours", "%(start)s – %(end)s") % {
        "start": short_time(start),
        "end": short_time(end),
    }


def date_range(start: date | datetime | None, end: date | datetime | None) -> str:
    """« du 10 au 12 décembre 2026 », « du 28 novembre au 2 décembre 2026 »; one day: its date."""
    if start is None:
        return ""
    start, end = _local(start), _local(end) if end is not None else None
    if end is None or _day(start) == _day(end):
        return plain_date(start)
    if (start.year, start.month) == (end.year, end.month):
        start_fmt = pgettext("date format: start of a range within one month", "j")
    elif start.year == end.year:
        start_fmt = pgettext("date format: start of a range within one year", "j F")
    else:
        start_fmt = pgettext("date format: day, month, year", "j F Y")
    return pgettext("a range of dates", "du %(start)s au %(end)s") % {
        "start": _format(start, start_fmt),
        "end": plain_date(end),
    }


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value
