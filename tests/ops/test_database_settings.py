"""Settings for a replica and for PgBouncer in transaction mode (docs/operations.md): the settings module is
run afresh with the environment each test gives."""

import runpy
from pathlib import Path

SETTINGS = Path(__file__).resolve().parents[2] / "lianxin" / "settings.py"


def _settings_with(monkeypatch, **env) -> dict:
    for name in ("DATABASE_REPLICA_URL", "LIANXIN_PGBOUNCER", "LIANXIN_PG_JIT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS))


PG = "postgres://lianxin@db.example:5432/lianxin"


def test_settings_without_a_replica_route_everything_to_the_one_database(monkeypatch):
    values = _settings_with(monkeypatch, DATABASE_URL=PG)
    assert list(values["DATABASES"]) == ["default"]
    assert values["REPLICA_DATABASE"] is None


def test_settings_with_a_replica(monkeypatch):
    values = _settings_with(monkeypatch, DATABASE_URL=PG, DATABASE_REPLICA_URL=PG.replace("db.", "replica."))
    replica = values["DATABASES"]["replica"]
    assert values["REPLICA_DATABASE"] == "replica"
    assert replica["HOST"] == "replica.example"
    assert replica["TEST"] == {"MIRROR": "default"}
    assert replica["CONN_MAX_AGE"] == 60


def test_the_pgbouncer_switch_disables_server_side_cursors_and_prepared_statements(monkeypatch):
    plain = _settings_with(monkeypatch, DATABASE_URL=PG)["DATABASES"]["default"]
    assert not plain.get("DISABLE_SERVER_SIDE_CURSORS")
    values = _settings_with(monkeypatch, DATABASE_URL=PG, DATABASE_REPLICA_URL=PG, LIANXIN_PGBOUNCER="true")
    for alias in ("default", "replica"):
        database = values["DATABASES"][alias]
        assert database["DISABLE_SERVER_SIDE_CURSORS"] is True
        assert database["OPTIONS"]["prepare_threshold"] is None
        assert database["CONN_MAX_AGE"] == 60


def test_postgresql_connections_run_without_jit_unless_asked(monkeypatch):
    """JIT compiled the staff queue's query for 262 ms to run it in 29 ms: it is off for Lianxin's own
    connections, on the primary and the replica; through PgBouncer (which does not pass startup options
    on) the role carries the setting instead, and LIANXIN_PG_JIT=true leaves the server's choice."""
    values = _settings_with(
        monkeypatch, DATABASE_URL=PG + "?options=-c%20statement_timeout%3D5000", DATABASE_REPLICA_URL=PG
    )
    for alias in ("default", "replica"):
        assert "-c jit=off" in values["DATABASES"][alias]["OPTIONS"]["options"]
    assert "statement_timeout=5000" in values["DATABASES"]["default"]["OPTIONS"]["options"]
    bounced = _settings_with(monkeypatch, DATABASE_URL=PG, LIANXIN_PGBOUNCER="true")["DATABASES"]["default"]
    assert "options" not in bounced["OPTIONS"]
    chosen = _settings_with(monkeypatch, DATABASE_URL=PG, LIANXIN_PG_JIT="true")["DATABASES"]["default"]
    assert "options" not in chosen.get("OPTIONS", {})
    sqlite = _settings_with(monkeypatch, DATABASE_URL="sqlite:////tmp/x.sqlite3")["DATABASES"]["default"]
    assert "options" not in sqlite["OPTIONS"]


def test_the_running_postgresql_connection_has_jit_off(db):
    import pytest
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only (CI's second pass)")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
