"""Seed the task categories (lianxin.supervision.categories)."""

from django.db import migrations


def seed(apps, schema_editor):
    from lianxin.supervision.categories import task_categories_seed

    task_categories_seed(apps.get_model("cases", "Category"))


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0020_visit_care"),
        ("provision", "0002_seed_catalogue"),
    ]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
