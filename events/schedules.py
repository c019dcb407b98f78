"""django-q2 schedules of this app, created idempotently by `manage.py setup_schedules`."""

from django_q.models import Schedule

SCHEDULES: list[dict] = [
    dict(
        name="events: rappels la veille",
        func="events.tasks.send_reminders",
        schedule_type=Schedule.MINUTES,
        minutes=30,
        repeats=-1,
    ),
    dict(
        name="events: anonymisation des anciennes inscriptions",
        func="events.tasks.anonymise_registrations",
        schedule_type=Schedule.DAILY,
        repeats=-1,
    ),
]
