"""django-q2 schedules of this app, created idempotently by `manage.py setup_schedules`."""

from hub.schedules import every

SCHEDULES: list[dict] = [
    every(
        days=1,
        func="members.tasks.send_daily_summaries",
        name="members: résumé quotidien des espaces de travail",
    ),
]
