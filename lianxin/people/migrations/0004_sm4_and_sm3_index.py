from django.db import migrations

from lianxin.core.rotation import fields_rotate


def reseal(apps, schema_editor):
    # The first release sealed with AES-GCM (v1) and indexed with HMAC-SHA256: re-seal with the current key
    # and cipher (SM4-GCM by default) and recompute the blind indexes (HMAC-SM3 by default).
    fields_rotate(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0003_alter_person_note"),
        ("areas", "0002_alter_household_note"),
        ("party", "0004_alter_membership_work_place"),
        ("imports", "0001_initial"),
    ]

    operations = [migrations.RunPython(reseal, migrations.RunPython.noop)]
