"""django-q2 schedules of this app, created idempotently by `manage.py setup_schedules`."""

from django_q.models import Schedule

SCHEDULES: list[dict] = [
    # Claims each due source in its own task; the per-source lease makes overlaps harmless.
    dict(
        name="Veille : collecter les sources à échéance",
        func="watch.collection.tasks.enqueue_due_sources",
        schedule_type=Schedule.MINUTES,
        minutes=5,
        repeats=-1,
    ),
]
