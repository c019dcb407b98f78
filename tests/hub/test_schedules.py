"""hub.schedules.every: one line per periodic task, the same rows as the dicts it replaced."""

import pytest
from django_q.models import Schedule

from hub.schedules import every


def test_every_gives_minutes_hourly_and_daily_schedules_that_repeat_forever():
    assert every(minutes=5, func="app.tasks.f", name="f") == {
        "name": "f",
        "func": "app.tasks.f",
        "schedule_type": Schedule.MINUTES,
        "minutes": 5,
        "repeats": -1,
    }
    assert every(hours=1, func="app.tasks.g", name="g")["schedule_type"] == Schedule.HOURLY
    assert every(days=1, func="app.tasks.h", name="h")["schedule_type"] == Schedule.DAILY


@pytest.mark.parametrize("timing", [{}, {"minutes": 5, "days": 1}, {"hours": 2}])
def test_every_refuses_an_ambiguous_or_unsupported_period(timing):
    with pytest.raises(ValueError):
        every(func="app.tasks.f", name="f", **timing)
