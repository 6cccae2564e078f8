"""The trail's page filters by account name, newest first: that gets an index, and the account-id index,
which nothing reads, goes (a record written costs one index page, not two).

The index is dropped by name (``core.schema.field_indexes_drop``): an AlterField would copy the whole trail.
"""

from django.db import migrations, models

from lianxin.core.schema import field_indexes_drop


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[field_indexes_drop("audit", [("AuditRecord", "actor_id")])],
            state_operations=[
                migrations.AlterField(
                    model_name="auditrecord",
                    name="actor_id",
                    field=models.BigIntegerField(blank=True, null=True, verbose_name="account id"),
                ),
            ],
        ),
        migrations.AddIndex(
            model_name="auditrecord",
            index=models.Index(fields=["actor_name", "id"], name="audit_actor_name_id"),
        ),
    ]
