"""django-q2 schedules of this app, created idempotently by `manage.py setup_schedules`."""

SCHEDULES: list[dict] = []
