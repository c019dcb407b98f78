"""django-q2 schedules of the mailing, created idempotently by `manage.py setup_schedules`."""

from hub.schedules import every

# Digests: drafts on Monday morning and on the 1st (checked hourly, made once per period), a
# minute loop that starts scheduled digests and resumes interrupted or retried sending, and the
# daily purge of sign-ups never confirmed.
SCHEDULES: list[dict] = [
    every(
        hours=1,
        func="watch.mailing.tasks.make_due_drafts",
        name="Lettre : préparer les brouillons (lundi matin, 1er du mois)",
    ),
    every(
        minutes=1,
        func="watch.mailing.tasks.send_due",
        name="Lettre : envoyer les lettres programmées et reprendre les envois",
    ),
    every(
        days=1,
        func="watch.mailing.tasks.purge_unconfirmed",
        name="Lettre : effacer les inscriptions non confirmées",
    ),
]
