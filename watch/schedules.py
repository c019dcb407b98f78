"""django-q2 schedules of this app, created idempotently by `manage.py setup_schedules`."""

from django_q.models import Schedule

SCHEDULES: list[dict] = [
    # Claims each due source in its own task; the per-source lease makes overlaps harmless.
    dict(
        name="Veille : collecter les sources à échéance",
        func="watch.tasks.enqueue_due_sources",
        schedule_type=Schedule.MINUTES,
        minutes=5,
        repeats=-1,
    ),
]

# Digests: drafts on Monday morning and on the 1st (checked hourly, made once per period), a
# minute loop that starts scheduled digests and resumes interrupted or retried sending, and the
# daily purge of sign-ups never confirmed.
SCHEDULES += [
    dict(
        name="Lettre : préparer les brouillons (lundi matin, 1er du mois)",
        func="watch.mailing_tasks.make_due_drafts",
        schedule_type=Schedule.HOURLY,
        repeats=-1,
    ),
    dict(
        name="Lettre : envoyer les lettres programmées et reprendre les envois",
        func="watch.mailing_tasks.send_due",
        schedule_type=Schedule.MINUTES,
        minutes=1,
        repeats=-1,
    ),
    dict(
        name="Lettre : effacer les inscriptions non confirmées",
        func="watch.mailing_tasks.purge_unconfirmed",
        schedule_type=Schedule.DAILY,
        repeats=-1,
    ),
]
