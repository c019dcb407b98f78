"""Event dates in Europe/Paris, in the site's one style (hub.dates): « mardi 8 décembre 2026,
9 h 30 – 12 h »."""

from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from hub.dates import long_date as day
from hub.dates import short_time as hour


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
