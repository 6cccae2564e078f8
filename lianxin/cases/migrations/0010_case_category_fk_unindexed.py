"""Drop the category FK's own index: the (category, state, area_path) index leads with the category.

A plain AlterField would make SQLite copy the whole cases table (a million rows in a county) to drop one
index; this drops the index by name on either backend and only records the field change in the state.
"""

from django.db import migrations, models

from lianxin.core.schema import field_indexes_drop


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0009_case_category_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[field_indexes_drop("cases", [("Case", "category")])],
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
