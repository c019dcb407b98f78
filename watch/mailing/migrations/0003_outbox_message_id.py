from email.utils import make_msgid
from urllib.parse import urlsplit

from django.conf import settings
from django.db import migrations, models


def give_message_ids(apps, schema_editor):
    """Rows still to send get their Message-ID (rows made from now on get one when made)."""
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    OutboxMessage = apps.get_model("mailing", "OutboxMessage")
    unfinished = OutboxMessage.objects.filter(status__in=["pending", "sending"], message_id="")
    for row in unfinished.only("pk", "digest_id").iterator():
        row.message_id = make_msgid(idstring=f"digest-{row.digest_id}", domain=domain)
        row.save(update_fields=["message_id"])


class Migration(migrations.Migration):
    dependencies = [("mailing", "0002_own_table_names")]

    operations = [
        migrations.AddField(
            model_name="outboxmessage",
            name="message_id",
            field=models.CharField(blank=True, max_length=255, verbose_name="Message-ID"),
        ),
        migrations.AddField(
            model_name="outboxmessage",
            name="accepted_at",
            field=models.DateTimeField(
                blank=True, null=True, verbose_name="accepté par le serveur le"
            ),
        ),
        migrations.RunPython(give_message_ids, migrations.RunPython.noop),
    ]
