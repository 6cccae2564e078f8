"""环境卫生 goes first to the building's captain, as 物业 and 停车 do (P004-14): databases seeded before
carry it at the estate level. Only a category still as first seeded is changed; one an administrator
has set otherwise keeps his setting."""

from django.db import migrations

BUILDING, ESTATE = 20, 30


def to_captain(apps, schema_editor):
    Category = apps.get_model("cases", "Category")
    Category.objects.filter(code="environment", first_level=ESTATE, to_captain=False).update(
        first_level=BUILDING, to_captain=True
    )


def to_estate(apps, schema_editor):
    Category = apps.get_model("cases", "Category")
    Category.objects.filter(code="environment", first_level=BUILDING, to_captain=True).update(
        first_level=ESTATE, to_captain=False
    )


class Migration(migrations.Migration):
    dependencies = [("cases", "0012_case_reporter_role")]

    operations = [migrations.RunPython(to_captain, to_estate)]
