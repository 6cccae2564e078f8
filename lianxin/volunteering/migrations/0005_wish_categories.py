"""Seed the micro-wish and service-project categories (lianxin.volunteering.wishes)."""

from django.db import migrations


def seed(apps, schema_editor):
    from lianxin.volunteering.wishes import wish_categories_seed

    wish_categories_seed(apps.get_model("cases", "Category"))


class Migration(migrations.Migration):
    dependencies = [
        ("volunteering", "0004_pairings"),
        ("cases", "0018_case_issuer_path"),
        ("provision", "0002_seed_catalogue"),
    ]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
