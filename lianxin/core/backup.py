"""Backup and restore of the whole database: SQLite's online backup API, or pg_dump/pg_restore.

A backup is one file plus a manifest beside it (``<file>.json``): the row count of every table, the
audit trail's length and last hash, and the file's SHA-256. ``restore`` checks the file against its SHA-256
before touching anything, and after restoring checks every table's count and the audit chain.

Personal data stays encrypted inside the backup (it is stored sealed); the field key is NOT in it, and must
be kept apart (docs/operations.md).
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess  # noqa: S404 - pg_dump and pg_restore, with argument lists, never a shell  # nosec B404
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import environ
from django.db import connections
from django.utils import timezone


class BackupError(Exception):
    pass


@dataclass(frozen=True)
class BackupCheck:
    """A check an app adds to every backup (the audit app: its chain). ``head(alias)`` gives what the
    manifest records under ``key``; ``verify(alias, recorded)`` checks the restored database against it,
    raising BackupError on a mismatch, and returns how many rows it checked (``<key>_checked``)."""

    key: str
    head: Callable[[str], dict]
    verify: Callable[[str, dict], int]


_checks: dict[str, BackupCheck] = {}


def backup_check_register(check: BackupCheck) -> None:
    """Called from an app's AppConfig.ready(): the core imports no app for its checks."""
    _checks[check.key] = check


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def table_counts(alias: str = "default") -> dict[str, int]:
    connection = connections[alias]
    with connection.cursor() as cursor:
        tables = sorted(connection.introspection.table_names(cursor))
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608  # nosec B608
            counts[table] = cursor.fetchone()[0]
    return counts


def _pg_env(config: dict) -> tuple[list[str], dict]:
    args = []
    env = dict(os.environ)
    if config.get("HOST"):
        args += ["--host", str(config["HOST"])]
    if config.get("PORT"):
        args += ["--port", str(config["PORT"])]
    if config.get("USER"):
        args += ["--username", str(config["USER"])]
    if config.get("PASSWORD"):
        env["PGPASSWORD"] = str(config["PASSWORD"])
    return args, env


def _run(command: list[str], env: dict) -> None:
    tool = shutil.which(command[0])
    if tool is None:
        raise BackupError(f"{command[0]} is not installed (apt-get install postgresql-client)")
    result = subprocess.run([tool, *command[1:]], env=env, capture_output=True, text=True, check=False)  # noqa: S603  # nosec B603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[-2000:]}")


def backup_create(*, path: Path, alias: str = "default") -> dict:
    """Write a consistent copy of the database to ``path`` and its manifest to ``path.json``."""
    connection = connections[alias]
    config = connection.settings_dict
    path.parent.mkdir(parents=True, exist_ok=True)
    counts = table_counts(alias)
    heads = {key: check.head(alias) for key, check in sorted(_checks.items())}
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    elif connection.vendor == "postgresql":
        args, env = _pg_env(config)
        _run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                *args,
                "--file",
                str(path),
                config["NAME"],
            ],
            env,
        )
    else:
        raise BackupError(f"no backup method for {connection.vendor}")
    path.chmod(0o600)
    manifest = {
        "vendor": connection.vendor,
        "created_at": timezone.now().isoformat(),
        "tables": counts,
        **heads,
        "sha256": _sha256(path),
    }
    manifest_path = Path(f"{path}.json")
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2))
    manifest_path.chmod(0o600)
    return manifest


def _config_for(url: str | None, alias: str) -> dict:
    if not url:
        return dict(connections[alias].settings_dict)
    return environ.Env.db_url_config(url)


def _pg_conninfo(config: dict) -> dict:
    return {k.lower(): str(v) for k, v in config.items() if k in ("HOST", "PORT", "USER", "PASSWORD") and v}


def _is_empty(config: dict, alias: str | None) -> bool:
    if alias is not None:  # the configured database: ask Django (it may be in memory, as in tests)
        connection = connections[alias]
        with connection.cursor() as cursor:
            return not connection.introspection.table_names(cursor)
    if config["ENGINE"].endswith("sqlite3"):
        path = Path(config["NAME"])
        if not path.exists() or path.stat().st_size == 0:
            return True
        with sqlite3.connect(path) as db:
            return not db.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall()
    import psycopg

    with psycopg.connect(dbname=config["NAME"], **_pg_conninfo(config)) as db:
        return not db.execute("SELECT 1 FROM pg_tables WHERE schemaname = 'public' LIMIT 1").fetchall()


def backup_restore(
    *, path: Path, url: str | None = None, force: bool = False, alias: str = "default"
) -> dict:
    """Restore ``path`` into the database at ``url`` (default: the configured one) and check the result.

    Refuses a target that already holds tables unless ``force``; refuses a file whose SHA-256 does not
    match its manifest. Returns {"tables": n, "audit_checked": n}; raises BackupError on any mismatch.
    """
    manifest_path = Path(f"{path}.json")
    if not path.exists() or not manifest_path.exists():
        raise BackupError(f"{path} or its manifest {manifest_path.name} is missing")
    manifest = json.loads(manifest_path.read_text())
    if _sha256(path) != manifest["sha256"]:
        raise BackupError("the backup file does not match its manifest (damaged or altered)")
    config = _config_for(url, alias)
    vendor = "sqlite" if config["ENGINE"].endswith("sqlite3") else "postgresql"
    if vendor != manifest["vendor"]:
        raise BackupError(f"a {manifest['vendor']} backup cannot be restored into {vendor}")
    if not force and not _is_empty(config, alias if url is None else None):
        raise BackupError("the target database is not empty (use --force to replace it)")
    if url is None:
        connections[alias].close()
    if vendor == "sqlite" and url is None and connections[alias].is_in_memory_db():
        raise BackupError("cannot restore into an in-memory database")
    if vendor == "sqlite":
        source = sqlite3.connect(path)
        target = sqlite3.connect(config["NAME"])
        try:
            source.backup(target)
        finally:
            source.close()
            target.close()
    else:
        args, env = _pg_env(config)
        clean = ["--clean", "--if-exists"] if force else []
        _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", *clean, *args,
              "--dbname", config["NAME"], str(path)], env)  # fmt: skip
    return _restored_check(config, manifest, alias if url is None else None)


def _restored_check(config: dict, manifest: dict, alias: str | None) -> dict:
    check_alias = alias or "lianxin_restore_check"
    if alias is None:
        # A connection of its own, not added to the configured ones: it lives only for this check.
        from django.db.utils import load_backend

        settings_dict = connections.configure_settings({"default": config})["default"]
        connections[check_alias] = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(
            settings_dict, check_alias
        )
    try:
        counts = table_counts(check_alias)
        missing = {t: n for t, n in manifest["tables"].items() if counts.get(t) != n}
        if missing:
            raise BackupError(f"restored row counts differ from the backup's: {sorted(missing)[:10]}")
        result = {"tables": len(counts)}
        for key, check in sorted(_checks.items()):
            if key not in manifest:
                raise BackupError(f"the backup's manifest records no {key}")
            result[f"{key}_checked"] = check.verify(check_alias, manifest[key])
        return result
    finally:
        if alias is None:
            connections[check_alias].close()
            del connections[check_alias]
