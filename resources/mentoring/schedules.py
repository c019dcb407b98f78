"""django-q2 schedules of mentoring, created idempotently by `manage.py setup_schedules`."""

from django_q.models import Schedule

SCHEDULES: list[dict] = [
    dict(
        name="mentorat : clôture des appels échus",
        func="resources.mentoring.tasks.close_calls",
        schedule_type=Schedule.MINUTES,
        minutes=15,
        repeats=-1,
    ),
]
