"""An index on Wagtail's page tree by (depth, path).

Wagtail finds a page's children with `path LIKE 'prefix%' AND depth = n`. The only index on
`path` cannot serve that LIKE on SQLite (case-insensitive) and, where it can, walks every
descendant: the main menu read all 10,000 resources under the resource index to find the
home page's handful of children. By depth first, it reads the children only.
"""

from django.db import migrations

INDEX = "hub_page_depth_path"


class Migration(migrations.Migration):
    dependencies = [
        ("hub", "0003_custom_image_foreign_keys"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page (depth, path)",
            f"DROP INDEX IF EXISTS {INDEX}",
        ),
    ]
