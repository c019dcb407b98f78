"""Dates are written the French way, in Europe/Paris, whatever the server's clock zone."""

from datetime import UTC, datetime

from django.utils import translation

from events.dates import event_dates as _event_dates


def event_dates(start, end) -> str:
    """Times keep their spaces non-breaking (tests/hub/test_dates.py): read them as spaces."""
    return _event_dates(start, end).replace("\N{NO-BREAK SPACE}", " ")


def test_one_day_event_in_paris_time():
    with translation.override("fr"):
        text = event_dates(
            datetime(2026, 12, 8, 8, 30, tzinfo=UTC), datetime(2026, 12, 8, 11, 0, tzinfo=UTC)
        )
    assert text == "mardi 8 décembre 2026, 9 h 30 – 12 h"


def test_multi_day_event_says_the_year_once_unless_it_changes():
    with translation.override("fr"):
        same_year = event_dates(
            datetime(2026, 12, 22, 8, 0, tzinfo=UTC), datetime(2026, 12, 23, 16, 0, tzinfo=UTC)
        )
        new_year = event_dates(
            datetime(2026, 12, 31, 20, 0, tzinfo=UTC), datetime(2027, 1, 1, 2, 0, tzinfo=UTC)
        )
    assert same_year == "du mardi 22 décembre, 9 h, au mercredi 23 décembre 2026, 17 h"
    assert new_year == "du jeudi 31 décembre 2026, 21 h, au vendredi 1er janvier 2027, 3 h"


def test_a_range_starting_on_the_first_says_1er():
    with translation.override("fr"):
        text = event_dates(
            datetime(2026, 12, 1, 8, 0, tzinfo=UTC), datetime(2026, 12, 2, 16, 0, tzinfo=UTC)
        )
    assert text == "du mardi 1er décembre, 9 h, au mercredi 2 décembre 2026, 17 h"


def test_summer_time_is_applied():
    with translation.override("fr"):
        text = event_dates(
            datetime(2027, 6, 15, 7, 0, tzinfo=UTC), datetime(2027, 6, 15, 9, 0, tzinfo=UTC)
        )
    assert text == "mardi 15 juin 2027, 9 h – 11 h"
