"""django-q2 schedules of this app, created idempotently by `manage.py setup_schedules`."""

from hub.schedules import every

SCHEDULES: list[dict] = [
    # Claims each due source in its own task; the per-source lease makes overlaps harmless.
    every(
        minutes=5,
        func="watch.collection.tasks.enqueue_due_sources",
        name="Veille : collecter les sources à échéance",
    ),
]
