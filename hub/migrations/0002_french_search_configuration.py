"""PostgreSQL: a French full-text configuration that also ignores accents ("ecologie" finds
"écologie"). No-op on other databases."""

from django.db import migrations

CREATE_CONFIGURATION = """
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'french_unaccent') THEN
        CREATE TEXT SEARCH CONFIGURATION french_unaccent ( COPY = french );
    END IF;
END
$$;
"""
MAP_UNACCENT = (
    "ALTER TEXT SEARCH CONFIGURATION french_unaccent "
    "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;"
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(CREATE_CONFIGURATION)
        try:
            # Needs the contrib extension (packaged with PostgreSQL) and the right to create it;
            # without it, search stays French-stemmed but accent-sensitive.
            cursor.execute("SAVEPOINT unaccent")
            cursor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
            cursor.execute(MAP_UNACCENT)
            cursor.execute("RELEASE SAVEPOINT unaccent")
        except Exception:  # noqa: BLE001
            cursor.execute("ROLLBACK TO SAVEPOINT unaccent")
            print("  ! extension unaccent indisponible : recherche sensible aux accents")  # noqa: T201


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS french_unaccent")


class Migration(migrations.Migration):
    dependencies = [("hub", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
