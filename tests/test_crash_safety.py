"""Reliability of the loop under failure (等保 数据完整性 / 备份恢复):

- crash safety: intake runs in another process, which is killed with SIGKILL in the middle of a stream of
  reports; after a restart every case whose report was acknowledged is there with all its events, and no
  case is half written;
- two Huey consumers on Redis run the time-limit job at the same moment and act once on each case.

Each runs on its own copy of the test database (made with ``backup_create``/``backup_restore``), because the
other processes see only committed data and must not leave rows behind in the test database.
"""

import os
import signal
import sqlite3
import subprocess  # noqa: S404 - the processes under test, with argument lists
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from lianxin.core.backup import backup_create, backup_restore

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(settings.BASE_DIR)

INTAKE = """
import sys, django
django.setup()
from lianxin.areas.models import Area, Level
from lianxin.cases.models import Category
from lianxin.cases.services import case_report
from lianxin.people.models import User
resident = User.objects.get(username="resident")
building = Area.objects.filter(level=Level.BUILDING).order_by("path").first()
stair = Category.objects.get(code="stair_light")
run = sys.argv[1]
i = 0
while True:
    i += 1
    key = f"{run}-{i}"
    case = case_report(resident, category=stair, area=building, description="楼道灯不亮", idempotency_key=key)
    print(case.pk, flush=True)  # acknowledged: the report's transaction has committed
"""


@contextmanager
def database_copy(tmp_path):
    """A database URL holding a committed copy of the test database (the small world, the cast)."""
    backup = tmp_path / "world.backup"
    backup_create(path=backup)
    if connection.vendor == "sqlite":
        target = tmp_path / "copy.sqlite3"
        backup_restore(path=backup, url=f"sqlite:///{target}")
        yield f"sqlite:///{target}", None
        return
    import psycopg

    s = connection.settings_dict
    name = f"lianxin_crash_{uuid.uuid4().hex[:8]}"
    admin = {k.lower(): str(v) for k, v in s.items() if k in ("HOST", "PORT", "USER", "PASSWORD") and v}
    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as db:
        db.execute(f'CREATE DATABASE "{name}"')
    host, port = s["HOST"] or "127.0.0.1", s["PORT"] or 5432
    url = f"postgres://{s['USER']}:{s.get('PASSWORD') or ''}@{host}:{port}/{name}"
    try:
        backup_restore(path=backup, url=url)
        yield url, name
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **admin) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def child_env(url: str, var_dir, **extra) -> dict:
    # The copy's keys are the test run's (its personal data is sealed with them); its queue and files are
    # its own, in the test's temporary folder.
    env = dict(
        os.environ,
        DATABASE_URL=url,
        DJANGO_SETTINGS_MODULE="lianxin.settings",
        DEBUG="true",
        LIANXIN_VAR_DIR=str(var_dir),
        SECRET_KEY=settings.SECRET_KEY,
        FIELD_ENCRYPTION_KEY=settings.FIELD_ENCRYPTION_KEY,
    )
    env.pop("REDIS_URL", None)
    env.update(extra)
    return env


def query_rows(url: str, pg_name: str | None, sql: str) -> list:
    if pg_name is None:
        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            return db.execute(sql).fetchall()
    import psycopg

    s = connection.settings_dict
    admin = {k.lower(): str(v) for k, v in s.items() if k in ("HOST", "PORT", "USER", "PASSWORD") and v}
    with psycopg.connect(dbname=pg_name, **admin) as db:
        return db.execute(sql).fetchall()


def _intake(env, run: str, *, acknowledged: int) -> list[int]:
    """Start an intake process, read ``acknowledged`` case ids from it, then kill it with SIGKILL."""
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, "-c", INTAKE, run], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
    )
    pks = []
    try:
        for line in process.stdout:
            pks.append(int(line))
            if len(pks) >= acknowledged:
                break
    finally:
        process.send_signal(signal.SIGKILL)  # mid-stream: it is writing the next report
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    return pks


CHECK = """
SELECT c.id, c.event_count, (SELECT COUNT(*) FROM cases_caseevent e WHERE e.case_id = c.id), c.state
FROM cases_case c ORDER BY c.id
"""


def test_intake_killed_mid_stream_loses_no_acknowledged_case_and_leaves_none_half_written(
    world, cast, tmp_path
):
    with database_copy(tmp_path) as (url, pg_name):
        env = child_env(url, tmp_path)
        first = _intake(env, "crash-1", acknowledged=25)
        second = _intake(env, "crash-2", acknowledged=5)  # the restart: the database takes writes again

        found = query_rows(url, pg_name, CHECK)
        rows = {pk: (events, counted, state) for pk, events, counted, state in found}
        for pk in first + second:
            assert pk in rows, f"acknowledged case {pk} was lost"
        for pk, (events, counted, state) in rows.items():
            assert events == counted >= 2, f"case {pk} is half written: {counted} of {events} events"
            assert state == "dispatched"


TIME_LIMITS = """
import django
django.setup()
from lianxin.cases.tasks import cases_time_limits
cases_time_limits()
"""


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="runs on the Redis pass of CI (REDIS_URL set)")
def test_two_huey_consumers_on_redis_flag_each_late_case_once(world, cast, tmp_path):
    from datetime import timedelta

    from huey import RedisHuey

    with database_copy(tmp_path) as (url, pg_name):
        queue = f"lianxin-test-{uuid.uuid4().hex[:8]}"
        env = child_env(url, tmp_path, REDIS_URL=os.environ["REDIS_URL"], HUEY_NAME=queue, HUEY_WORKERS="1")
        pks = _intake(env, "late", acknowledged=20)
        # Every report's response limit passes: make them late by moving their due time into the past.
        _late(url, pg_name, timedelta(hours=-2))
        huey = RedisHuey(queue, url=os.environ["REDIS_URL"])
        logs = [open(tmp_path / f"consumer-{i}.log", "w") for i in range(2)]  # noqa: SIM115
        consumers = [
            subprocess.Popen(  # noqa: S603
                [sys.executable, "manage.py", "run_huey", "--workers", "1", "--no-periodic"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            for log in logs
        ]
        try:
            from lianxin.cases.tasks import cases_time_limits

            huey._registry.register(cases_time_limits.task_class)  # the consumers' task, by its name
            task = cases_time_limits.task_class()
            for _ in range(2):  # the same periodic run reaching both consumers
                huey.enqueue(task)
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and (huey.pending_count() or _overdue(url, pg_name) < len(pks)):
                time.sleep(0.5)
            time.sleep(2)  # let the second run finish its pass
        finally:
            for consumer in consumers:
                consumer.send_signal(signal.SIGINT)
            for consumer in consumers:
                consumer.wait(timeout=30)
            huey.flush()
        per_case = dict(
            query_rows(
                url,
                pg_name,
                "SELECT case_id, COUNT(*) FROM cases_caseevent WHERE action = 'overdue' GROUP BY case_id",
            )
        )
        output = "".join((tmp_path / f"consumer-{i}.log").read_text() for i in range(2))
        assert per_case == {pk: 1 for pk in pks}, output[-3000:]


def _late(url, pg_name, delta) -> None:
    """Move every case's response deadline to ``delta`` from now (UTC, as both backends store it)."""
    from django.utils import timezone

    moment = timezone.now() + delta
    if pg_name is None:
        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            db.execute("UPDATE cases_case SET response_due = ?", [moment.strftime("%Y-%m-%d %H:%M:%S")])
        return
    import psycopg

    s = connection.settings_dict
    admin = {k.lower(): str(v) for k, v in s.items() if k in ("HOST", "PORT", "USER", "PASSWORD") and v}
    with psycopg.connect(dbname=pg_name, autocommit=True, **admin) as db:
        db.execute("UPDATE cases_case SET response_due = %s", [moment])


def _overdue(url, pg_name) -> int:
    return query_rows(
        url, pg_name, "SELECT COUNT(DISTINCT case_id) FROM cases_caseevent WHERE action = 'overdue'"
    )[0][0]
