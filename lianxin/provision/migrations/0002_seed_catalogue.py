"""Seed the default service catalogue (lianxin.provision.seeds): its service-order categories and items."""

from django.db import migrations


def seed(apps, schema_editor):
    from lianxin.provision.seeds import catalogue_seed

    catalogue_seed(apps.get_model("cases", "Category"), apps.get_model("provision", "ServiceItem"))


class Migration(migrations.Migration):
    dependencies = [("provision", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
