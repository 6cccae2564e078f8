"""Points entries cannot be changed in the database either, as case events cannot (cases 0002): a trigger
refuses UPDATE on both backends and DELETE on PostgreSQL. SQLite keeps deletes to the application so that
the test runner's flush (DELETE FROM) still works; PostgreSQL flushes with TRUNCATE, which row triggers do
not see."""

from django.db import migrations

SQLITE_UP = """
CREATE TRIGGER points_entry_no_update BEFORE UPDATE ON points_pointsentry
BEGIN SELECT RAISE(ABORT, 'points entries are immutable'); END;
"""
SQLITE_DOWN = "DROP TRIGGER IF EXISTS points_entry_no_update;"

POSTGRES_UP = """
CREATE OR REPLACE FUNCTION lianxin_points_entry_immutable() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'points entries are immutable'; END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER points_entry_no_change BEFORE UPDATE OR DELETE ON points_pointsentry
FOR EACH ROW EXECUTE FUNCTION lianxin_points_entry_immutable();
"""
POSTGRES_DOWN = """
DROP TRIGGER IF EXISTS points_entry_no_change ON points_pointsentry;
DROP FUNCTION IF EXISTS lianxin_points_entry_immutable();
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
    dependencies = [("points", "0001_initial")]
    operations = [migrations.RunPython(up, down)]
