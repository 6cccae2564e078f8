import pytest
from django.conf import settings
from django.db import connection
from django.db.backends.sqlite3.base import DatabaseWrapper


def _sqlite_settings(tmp_path):
    config = dict(settings.DATABASES["default"])
    config["NAME"] = str(tmp_path / "check.sqlite3")
    config.setdefault("TIME_ZONE", None)
    config.setdefault("CONN_HEALTH_CHECKS", False)
    config.setdefault("CONN_MAX_AGE", 0)
    config.setdefault("AUTOCOMMIT", True)
    return config


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "sqlite", reason="the embedded SQLite settings apply to SQLite only")
def test_the_embedded_database_runs_in_wal_mode_with_a_busy_timeout_and_rare_checkpoints(tmp_path):
    wrapper = DatabaseWrapper(_sqlite_settings(tmp_path))
    try:
        with wrapper.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
            cursor.execute("PRAGMA busy_timeout")
            assert cursor.fetchone()[0] == 20000
            cursor.execute("PRAGMA foreign_keys")
            assert cursor.fetchone()[0] == 1
            cursor.execute("PRAGMA wal_autocheckpoint")
            assert cursor.fetchone()[0] == 10000
            cursor.execute("PRAGMA journal_size_limit")
            assert cursor.fetchone()[0] == 64 * 1024 * 1024
    finally:
        wrapper.close()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the embedded SQLite settings apply to SQLite only")
def test_writers_take_the_lock_at_begin_so_they_queue_instead_of_failing():
    assert settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
