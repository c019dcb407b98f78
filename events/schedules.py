"""django-q2 schedules of this app, created idempotently by `manage.py setup_schedules`."""

from hub.schedules import every

SCHEDULES: list[dict] = [
    every(minutes=30, func="events.tasks.send_reminders", name="events: rappels la veille"),
    every(
        days=1,
        func="events.tasks.anonymise_registrations",
        name="events: anonymisation des anciennes inscriptions",
    ),
]
