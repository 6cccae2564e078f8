"""Settings for a replica and for PgBouncer in transaction mode (docs/operations.md): the settings module is
run afresh with the environment each test gives."""

import runpy
from pathlib import Path

SETTINGS = Path(__file__).resolve().parents[2] / "lianxin" / "settings.py"


def _settings_with(monkeypatch, **env) -> dict:
    for name in ("DATABASE_REPLICA_URL", "LIANXIN_PGBOUNCER"):
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
