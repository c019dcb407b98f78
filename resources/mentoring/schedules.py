"""django-q2 schedules of mentoring, created idempotently by `manage.py setup_schedules`."""

from hub.schedules import every

SCHEDULES: list[dict] = [
    every(
        minutes=15,
        func="resources.mentoring.tasks.close_calls",
        name="mentorat : clôture des appels échus",
    ),
]
