"""Backup, then restore into an empty database, and compare every table's rows and the audit chain.

Transactional: the backup tools see only committed data (pg_dump is another process; SQLite's backup waits
for the test's own write transaction). The world is rebuilt by the next test that needs it.
"""

import io
import sqlite3
import uuid

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from lianxin.audit.services import audit_record, audit_verify
from lianxin.core.backup import BackupError, backup_create, backup_restore

pytestmark = pytest.mark.django_db(transaction=True)


def _norm(row) -> str:
    # The live connection hands back dates and times as objects (detect_types), the plain file as text.
    import datetime

    def value(v):
        if isinstance(v, bool):
            return int(v)
        if isinstance(v, datetime.datetime):
            return v.isoformat(sep=" ")
        if isinstance(v, datetime.date | datetime.time):
            return v.isoformat()
        return v

    return repr(tuple(value(v) for v in row))


def _rows_sqlite(path) -> dict[str, list]:
    with sqlite3.connect(path) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return {t: sorted(map(_norm, db.execute(f'SELECT * FROM "{t}"').fetchall())) for t in tables}  # noqa: S608


def _rows_live() -> dict[str, list]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type='table'")  # sqlite_sequence too
        tables = sorted(r[0] for r in cursor.fetchall())
        rows = {}
        for table in tables:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            rows[table] = sorted(map(_norm, cursor.fetchall()))
    return rows


def _conninfo() -> dict:
    keys = ("HOST", "PORT", "USER", "PASSWORD")
    return {k.lower(): str(v) for k, v in connection.settings_dict.items() if k in keys and v}


def _rows_pg(dbname: str) -> dict[str, list]:
    import psycopg

    settings_dict = connection.settings_dict
    conninfo = {
        k.lower(): str(v) for k, v in settings_dict.items() if k in ("HOST", "PORT", "USER", "PASSWORD") and v
    }
    with psycopg.connect(dbname=dbname, **conninfo) as db:
        tables = [
            r[0] for r in db.execute("SELECT tablename FROM pg_tables WHERE schemaname='public' ORDER BY 1")
        ]
        return {t: sorted(map(repr, db.execute(f'SELECT * FROM "{t}"').fetchall())) for t in tables}  # noqa: S608


def test_a_backup_restores_into_an_empty_database_with_every_row_and_the_audit_chain(world, tmp_path):
    for i in range(3):
        audit_record(action="other", object_repr=f"before backup {i}")
    path = tmp_path / "lianxin.backup"

    manifest = backup_create(path=path)
    assert manifest["audit"]["count"] >= 3
    assert oct(path.stat().st_mode)[-3:] == "600"

    if connection.vendor == "sqlite":
        target = tmp_path / "restored.sqlite3"
        result = backup_restore(path=path, url=f"sqlite:///{target}")
        assert _rows_sqlite(target) == _rows_live()
    else:
        import psycopg

        name = f"lianxin_restore_{uuid.uuid4().hex[:8]}"
        admin = {
            k.lower(): str(v)
            for k, v in connection.settings_dict.items()
            if k in ("HOST", "PORT", "USER", "PASSWORD") and v
        }
        with psycopg.connect(dbname="postgres", autocommit=True, **admin) as db:
            db.execute(f'CREATE DATABASE "{name}"')
        try:
            s = connection.settings_dict
            host, port = s["HOST"] or "127.0.0.1", s["PORT"] or 5432
            url = f"postgres://{s['USER']}:{s.get('PASSWORD') or ''}@{host}:{port}/{name}"
            result = backup_restore(path=path, url=url)
            assert _rows_pg(name) == _rows_pg(s["NAME"])
        finally:
            with psycopg.connect(dbname="postgres", autocommit=True, **admin) as db:
                db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    assert result["audit_checked"] == manifest["audit"]["count"]
    assert result["tables"] == len(manifest["tables"])
    assert audit_verify()[1] is None

    # A damaged file is refused before anything is touched; so is a target that is not empty.
    with path.open("r+b") as handle:
        handle.seek(200)
        handle.write(b"\x00\x01\x02")
    with pytest.raises(BackupError, match="manifest"):
        backup_restore(path=path, url="sqlite:///unused.sqlite3")


def test_the_commands_back_up_and_refuse_to_restore_over_data(world, tmp_path):
    out = io.StringIO()
    path = tmp_path / ("db.sqlite3" if connection.vendor == "sqlite" else "db.pgdump")
    call_command("backup", "--output", str(path), stdout=out)
    assert "已备份到" in out.getvalue()

    with pytest.raises(CommandError, match="不是空的|not empty"):
        call_command("restore", str(path), stdout=io.StringIO())
