# State only: the fields now come from hub.models.listed.ListedPageMixin, without the reverse
# name "events" (read nowhere); no table or column changes (sqlmigrate prints no SQL).

import modelcluster.fields
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0002_custom_image_foreign_keys"),
    ]

    operations = [
        migrations.AlterField(
            model_name="eventpage",
            name="audiences",
            field=modelcluster.fields.ParentalManyToManyField(
                blank=True, to="hub.audience", verbose_name="publics"
            ),
        ),
        migrations.AlterField(
            model_name="eventpage",
            name="themes",
            field=modelcluster.fields.ParentalManyToManyField(
                blank=True, to="hub.theme", verbose_name="thématiques"
            ),
        ),
    ]
