"""One date style on every page and in every e-mail, in French and in English."""

from datetime import UTC, date, datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from hub import dates

# 10 December 2026 is a Thursday; Paris is at UTC+1 in winter, UTC+2 in summer.
EVENING = datetime(2026, 12, 10, 17, 0, tzinfo=UTC)  # 18 h in Paris
EVENING_HALF = datetime(2026, 12, 10, 17, 30, tzinfo=UTC)
MORNING = datetime(2026, 12, 10, 8, 15, tzinfo=UTC)  # 9 h 15
LATE = datetime(2026, 12, 10, 19, 0, tzinfo=UTC)  # 20 h


def render(source: str, **context) -> str:
    return Template("{% load hub_tags %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "fr",
            [
                "jeudi 10 décembre 2026",
                "18\N{NO-BREAK SPACE}h",
                "18\N{NO-BREAK SPACE}h\N{NO-BREAK SPACE}30",
                "9\N{NO-BREAK SPACE}h\N{NO-BREAK SPACE}15",
                "18\N{NO-BREAK SPACE}h – 20\N{NO-BREAK SPACE}h",
            ],
        ),
        (
            "en",
            [
                "Thursday 10 December 2026",
                "6\N{NO-BREAK SPACE}pm",
                "6:30\N{NO-BREAK SPACE}pm",
                "9:15\N{NO-BREAK SPACE}am",
                "6\N{NO-BREAK SPACE}pm – 8\N{NO-BREAK SPACE}pm",
            ],
        ),
    ],
)
def test_dates_and_times_read_the_same_way_everywhere(language, expected):
    with translation.override(language):
        got = [
            render("{{ value|long_date }}", value=EVENING),
            render("{{ value|short_time }}", value=EVENING),
            render("{{ value|short_time }}", value=EVENING_HALF),
            render("{{ value|short_time }}", value=MORNING),
            render("{{ start|time_range:end }}", start=EVENING, end=LATE),
        ]
    assert got == expected


@pytest.mark.parametrize(
    ("language", "same_month", "two_months", "two_years"),
    [
        (
            "fr",
            "du 10 au 12 décembre 2026",
            "du 28 novembre au 2 décembre 2026",
            "du 30 décembre 2026 au 2 janvier 2027",
        ),
        (
            "en",
            "10 – 12 December 2026",
            "28 November – 2 December 2026",
            "30 December 2026 – 2 January 2027",
        ),
    ],
)
def test_date_ranges_say_the_month_and_year_once(language, same_month, two_months, two_years):
    with translation.override(language):
        assert render("{{ a|date_range:b }}", a=date(2026, 12, 10), b=date(2026, 12, 12)) == (
            same_month
        )
        assert dates.date_range(date(2026, 11, 28), date(2026, 12, 2)) == two_months
        assert dates.date_range(date(2026, 12, 30), date(2027, 1, 2)) == two_years
        assert dates.date_range(date(2026, 12, 10), date(2026, 12, 10)) == dates.plain_date(
            date(2026, 12, 10)
        )


def test_the_first_of_the_month_is_1er_in_french_only():
    first = date(2027, 1, 1)
    with translation.override("fr"):
        assert dates.long_date(first) == "vendredi 1er janvier 2027"
        assert dates.date_range(first, date(2027, 1, 3)) == "du 1er au 3 janvier 2027"
        assert dates.plain_date(date(2027, 1, 11)) == "11 janvier 2027"
    with translation.override("en"):
        assert dates.long_date(first) == "Friday 1 January 2027"


def test_a_deadline_says_its_day_and_hour_in_paris_time():
    summer = datetime(2027, 6, 15, 10, 0, tzinfo=UTC)
    with translation.override("fr"):
        assert dates.long_datetime(summer) == "mardi 15 juin 2027 à 12\N{NO-BREAK SPACE}h"
    with translation.override("en"):
        assert dates.long_datetime(summer) == "Tuesday 15 June 2027 at 12\N{NO-BREAK SPACE}pm"
    assert render("{{ value|long_date }}", value=None) == ""


def test_a_time_never_breaks_across_two_lines():
    with translation.override("fr"):
        assert dates.short_time(EVENING_HALF) == "18\N{NO-BREAK SPACE}h\N{NO-BREAK SPACE}30"
        assert " " not in dates.time_range(EVENING, EVENING_HALF).replace(" – ", "")


def test_a_deadline_at_the_end_of_the_day_says_only_the_day():
    # Mentoring and support scheme callouts, call cards: « jusqu’au mardi 5 janvier 2027 ».
    end_of_day = datetime(2027, 1, 5, 22, 59, tzinfo=UTC)  # 23 h 59 in Paris
    noon = datetime(2027, 1, 5, 11, 0, tzinfo=UTC)
    with translation.override("fr"):
        assert render("{{ value|deadline }}", value=end_of_day) == "mardi 5 janvier 2027"
        assert dates.deadline(noon) == "mardi 5 janvier 2027 à 12\N{NO-BREAK SPACE}h"
