from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor):
    # The shared cache (rate-limit counters) lives in a database table when there is no Redis.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("security", "0001_initial")]

    operations = [migrations.RunPython(create_cache_tables, migrations.RunPython.noop)]
