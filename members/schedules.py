"""django-q2 schedules of this app, created idempotently by `manage.py setup_schedules`."""

from django_q.models import Schedule

SCHEDULES: list[dict] = [
    dict(
        name="members: résumé quotidien des espaces de travail",
        func="members.tasks.send_daily_summaries",
        schedule_type=Schedule.DAILY,
        repeats=-1,
    ),
]
