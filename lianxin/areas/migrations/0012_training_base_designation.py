from django.db import migrations

# A frozen copy of the row in lianxin/demo/dictionaries.py added with the rural apps (issue 23, P002-64).
TRAINING_BASE = ("training_base", "抓党建促乡村振兴实训基地")


def load(apps, schema_editor):
    Designation = apps.get_model("areas", "PlaceDesignation")
    code, name = TRAINING_BASE
    Designation.objects.get_or_create(code=code, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("areas", "0011_activity_kinds_issue22")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
