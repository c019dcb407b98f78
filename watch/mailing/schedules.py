"""django-q2 schedules of the mailing, created idempotently by `manage.py setup_schedules`."""

from django_q.models import Schedule

# Digests: drafts on Monday morning and on the 1st (checked hourly, made once per period), a
# minute loop that starts scheduled digests and resumes interrupted or retried sending, and the
# daily purge of sign-ups never confirmed.
SCHEDULES: list[dict] = [
    dict(
        name="Lettre : préparer les brouillons (lundi matin, 1er du mois)",
        func="watch.mailing.tasks.make_due_drafts",
        schedule_type=Schedule.HOURLY,
        repeats=-1,
    ),
    dict(
        name="Lettre : envoyer les lettres programmées et reprendre les envois",
        func="watch.mailing.tasks.send_due",
        schedule_type=Schedule.MINUTES,
        minutes=1,
        repeats=-1,
    ),
    dict(
        name="Lettre : effacer les inscriptions non confirmées",
        func="watch.mailing.tasks.purge_unconfirmed",
        schedule_type=Schedule.DAILY,
        repeats=-1,
    ),
]
