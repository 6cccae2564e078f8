"""Case events cannot be changed in the database either. Deletes are refused by the application (model,
queryset, admin) and, on PostgreSQL, by a trigger; SQLite keeps deletes to the application so that the
test runner's flush (DELETE FROM) still works, while PostgreSQL flushes with TRUNCATE, which row triggers
do not see."""

from django.db import migrations

SQLITE_UP = """
CREATE TRIGGER case_event_no_update BEFORE UPDATE ON cases_caseevent
BEGIN SELECT RAISE(ABORT, 'case events are immutable'); END;
"""
SQLITE_DOWN = "DROP TRIGGER IF EXISTS case_event_no_update;"

POSTGRES_UP = """
CREATE OR REPLACE FUNCTION lianxin_case_event_immutable() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'case events are immutable'; END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER case_event_no_change BEFORE UPDATE OR DELETE ON cases_caseevent
FOR EACH ROW EXECUTE FUNCTION lianxin_case_event_immutable();
"""
POSTGRES_DOWN = """
DROP TRIGGER IF EXISTS case_event_no_change ON cases_caseevent;
DROP FUNCTION IF EXISTS lianxin_case_event_immutable();
"""


def up(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_UP)
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRES_UP)


def down(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_DOWN)
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRES_DOWN)


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]
    operations = [migrations.RunPython(up, down)]
