import django.db.models.deletion
from django.db import migrations, models

PAGE_MODELS = ("GuidePage", "TrainingProgrammePage", "SupportSchemePage")


def copy_images(apps, schema_editor):
    """Fill the new column from the pages, as `resources.entries.sync_entry` now does."""
    ResourceEntry = apps.get_model("resources", "ResourceEntry")
    for name in PAGE_MODELS:
        pages = apps.get_model("resources", name).objects.filter(image__isnull=False)
        for page_id, image_id in pages.values_list("pk", "image_id"):
            ResourceEntry.objects.filter(page_id=page_id).update(image_id=image_id)


class Migration(migrations.Migration):
    dependencies = [
        ("hub", "0003_custom_image_foreign_keys"),
        ("resources", "0003_application_accounts"),
    ]

    operations = [
        migrations.AddField(
            model_name="resourceentry",
            name="image",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="hub.customimage",
                verbose_name="image",
            ),
        ),
        migrations.RunPython(copy_images, migrations.RunPython.noop),
    ]
