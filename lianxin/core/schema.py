"""Schema steps the migrations share."""

from django.db import migrations


def field_indexes_drop(app_label: str, fields: list[tuple[str, str]]) -> migrations.RunPython:
    """Drop the own index of each (model, field), found by name on either backend; reversed, create it.

    A plain AlterField(db_index=False) would make SQLite copy the whole table to drop one index (millions of
    rows, and the copy would drop a table's triggers): a migration runs this as the database side of a
    SeparateDatabaseAndState and records the field change only in the state.
    """

    def drop(apps, schema_editor):
        for model_name, field_name in fields:
            model = apps.get_model(app_label, model_name)
            column = model._meta.get_field(field_name).column
            for name in schema_editor._constraint_names(
                model, [column], index=True, unique=False, primary_key=False
            ):
                schema_editor.execute(schema_editor._delete_index_sql(model, name))

    def create(apps, schema_editor):
        for model_name, field_name in fields:
            model = apps.get_model(app_label, model_name)
            field = model._meta.get_field(field_name)
            schema_editor.execute(schema_editor._create_index_sql(model, fields=[field]))

    return migrations.RunPython(drop, create)
