"""Drop the category FK's own index: the (category, state, area_path) index leads with the category.

A plain AlterField would make SQLite copy the whole cases table (a million rows in a county) to drop one
index; this drops the index by name on either backend and only records the field change in the state.
"""

from django.db import migrations, models


def drop_category_index(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    for name in schema_editor._constraint_names(
        Case, ["category_id"], index=True, unique=False, primary_key=False
    ):
        schema_editor.execute(schema_editor._delete_index_sql(Case, name))


def create_category_index(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    field = Case._meta.get_field("category")
    schema_editor.execute(schema_editor._create_index_sql(Case, fields=[field]))


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0009_case_category_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(drop_category_index, create_category_index)],
            state_operations=[
                migrations.AlterField(
                    model_name="case",
                    name="category",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=models.deletion.PROTECT,
                        related_name="cases",
                        to="cases.category",
                        verbose_name="category",
                    ),
                ),
            ],
        ),
    ]
