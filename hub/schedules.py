"""One line per periodic task: the django-q2 schedules apps list in their `schedules.py`.

`manage.py setup_schedules` creates or updates each by name (see SCHEDULE_MODULES).
"""

from django_q.models import Schedule


def every(*, func: str, name: str, minutes: int = 0, hours: int = 0, days: int = 0) -> dict:
    """A schedule repeating forever: every N minutes, every hour (hours=1) or day (days=1)."""
    if minutes > 0 and not (hours or days):
        timing = {"schedule_type": Schedule.MINUTES, "minutes": minutes}
    elif hours == 1 and not (minutes or days):
        timing = {"schedule_type": Schedule.HOURLY}
    elif days == 1 and not (minutes or hours):
        timing = {"schedule_type": Schedule.DAILY}
    else:
        raise ValueError("every(): minutes=N, hours=1 or days=1, one of them")
    return {"name": name, "func": func, **timing, "repeats": -1}
