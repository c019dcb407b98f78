"""Keep SQLite pleasant under concurrent writers (web server + worker)."""

from django.db.backends.signals import connection_created
from django.dispatch import receiver


@receiver(connection_created)
def tune_sqlite(sender, connection, **kwargs):
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        # init_command is applied by Django too; this covers connections opened by tools that
        # bypass it (e.g. django-q2's monitor) and keeps mmap reads fast.
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA mmap_size=134217728")
