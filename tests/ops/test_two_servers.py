"""Past one machine (issue 24): two gunicorn servers on two ports and two Huey consumers, against one
PostgreSQL database and one Redis, as a province runs behind its reverse proxy (docs/operations.md).

Reports are sent to both servers at once; one server is killed with SIGKILL (master and workers, as a machine
that loses power) in the middle of the stream. Then:

- every report either server acknowledged (a 2xx answer) is in the database, once;
- the reports the dead server never answered are sent again to the other one with the same Idempotency-Key
  (what a client or the reverse proxy does): each is then in the database once too, whether or not the dead
  server had committed it;
- the other server kept serving: every answer it gave, before and after the kill, was a 2xx;
- the two consumers deliver the reports' notifications (every outbox row is processed).

It runs on CI's PostgreSQL pass (DATABASE_URL=postgres://…, REDIS_URL set, .ci/run); on SQLite, or with
PostgreSQL or Redis out of reach, it is skipped with the reason. It works on a committed copy of the test
database, as tests/test_crash_safety.py does.
"""

import json
import os
import signal
import socket
import subprocess  # noqa: S404 - the processes under test, with argument lists
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid

import pytest
from django.db import connection

from lianxin.tokens.services import token_create
from tests.cases_world import category
from tests.test_crash_safety import ROOT, child_env, database_copy, query_rows

pytestmark = pytest.mark.django_db(transaction=True)

ACKNOWLEDGED_BEFORE_KILL = 15
SERVE_AFTER_KILL_SECONDS = 4
MARK = "两台服务器"
WSGI = "lianxin.wsgi:application"


def _redis_url() -> str | None:
    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"
    try:
        import redis

        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except Exception:  # noqa: BLE001 - any failure means: not reachable here
        return None
    return url


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(port: int, process, log) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as answer:  # noqa: S310
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"server on {port} did not start:\n{log.read_text()[-3000:]}")


class Stream:
    """Reports sent one after another to one server, each with its own Idempotency-Key."""

    def __init__(self, name: str, port: int, secret: str, body: dict):
        self.name, self.port, self.secret, self.body = name, port, secret, body
        self.acknowledged: dict[str, int] = {}  # key -> case id
        self.refused: list[tuple[str, int, str]] = []  # answered, but not 2xx
        self.unanswered: list[str] = []  # no answer: the server died under it
        self.after_kill = 0
        self.killed = threading.Event()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def send(self, key: str, port: int | None = None) -> tuple[int, dict]:
        body = json.dumps({**self.body, "description": f"{MARK} {key}"}).encode()
        request = urllib.request.Request(  # noqa: S310 - our own server on 127.0.0.1
            f"http://127.0.0.1:{port or self.port}/api/v1/cases/",
            data=body,
            method="POST",
            headers={
                "Authorization": f"Bearer {self.secret}",
                "Content-Type": "application/json",
                "Idempotency-Key": key,
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=20) as answer:  # noqa: S310
                return answer.status, json.loads(answer.read())
        except urllib.error.HTTPError as error:
            return error.code, {"error": error.read().decode(errors="replace")[:300]}

    def run(self) -> None:
        i = 0
        while not self.stop.is_set():
            i += 1
            key = f"{self.name}-{i}"
            try:
                status, answer = self.send(key)
            except OSError:
                self.unanswered.append(key)
                if self.killed.is_set():
                    return
                continue
            if 200 <= status < 300:
                self.acknowledged[key] = answer["id"]
                if self.killed.is_set():
                    self.after_kill += 1
            else:
                self.refused.append((key, status, str(answer)))


def _skip_reason() -> str:
    if connection.vendor != "postgresql":
        return "runs on CI's PostgreSQL pass: two servers must share one PostgreSQL database"
    if _redis_url() is None:
        return "Redis is not answering (REDIS_URL, or 127.0.0.1:6379): the servers share their queue there"
    return ""


SKIP = _skip_reason()


@pytest.mark.skipif(bool(SKIP), reason=SKIP or "-")
def test_two_servers_and_two_consumers_lose_no_acknowledged_report_when_one_server_is_killed(
    world, cast, places, tmp_path
):
    redis_url = _redis_url()
    _token, secret = token_create(actor=cast.grid_worker, name="two servers")
    body = {"category": category("cleaning").pk, "area": places.estate.pk}
    started = time.monotonic()
    with database_copy(tmp_path) as (url, pg_name):
        phases = {"copy": time.monotonic() - started}
        queue = f"lianxin-two-{uuid.uuid4().hex[:8]}"
        env = child_env(
            url,
            tmp_path,
            REDIS_URL=redis_url,
            HUEY_NAME=queue,
            HUEY_WORKERS="1",
            WEB_WORKERS="2",
            RATE_LIMIT_REPORT="1000000/h",
            RATE_LIMIT_API_TOKEN="1000000/m",
            RATE_LIMIT_API_TOKEN_IP="1000000/m",
        )
        ports = {"a": _free_port(), "b": _free_port()}
        processes, logs = {}, {}
        try:
            for name, port in ports.items():
                logs[name] = tmp_path / f"server-{name}.log"
                processes[name] = subprocess.Popen(  # noqa: S603
                    # --preload: the app is imported once and forked, so that both servers start quickly.
                    [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", "--preload", WSGI],
                    cwd=ROOT,
                    env={**env, "BIND": f"127.0.0.1:{port}"},
                    stdout=logs[name].open("w"),
                    stderr=subprocess.STDOUT,
                    start_new_session=True,  # its own process group: the kill takes master and workers
                )
            for i in range(2):
                logs[f"consumer-{i}"] = tmp_path / f"consumer-{i}.log"
                processes[f"consumer-{i}"] = subprocess.Popen(  # noqa: S603
                    [sys.executable, "manage.py", "run_huey", "--workers", "1"],
                    cwd=ROOT,
                    env=env,
                    stdout=logs[f"consumer-{i}"].open("w"),
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            for name, port in ports.items():
                _wait_healthy(port, processes[name], logs[name])

            phases["start"] = time.monotonic() - started
            a, b = (Stream(name, port, secret, body) for name, port in ports.items())
            a.thread.start()
            b.thread.start()
            deadline = time.monotonic() + 30
            while len(a.acknowledged) < ACKNOWLEDGED_BEFORE_KILL and time.monotonic() < deadline:
                time.sleep(0.01)
            assert len(a.acknowledged) >= ACKNOWLEDGED_BEFORE_KILL, logs["a"].read_text()[-3000:]

            phases["before kill"] = time.monotonic() - started
            a.killed.set()
            b.killed.set()
            os.killpg(processes["a"].pid, signal.SIGKILL)  # mid-stream: server a is answering the next one
            processes["a"].wait(timeout=10)
            a.thread.join(timeout=30)
            time.sleep(SERVE_AFTER_KILL_SECONDS)
            b.stop.set()
            b.thread.join(timeout=30)

            # The client's (or the proxy's) retry of what a never answered, to b, with the same keys.
            retried = {}
            for key in a.unanswered:
                status, answer = a.send(key, port=ports["b"])
                assert 200 <= status < 300, (key, status, answer)
                retried[key] = answer["id"]
            # One more report, over a second after the last, so that its commit enqueues a delivery run.
            time.sleep(1.2)
            status, answer = b.send("b-last")
            assert status == 201, answer
            b.acknowledged["b-last"] = answer["id"]

            phases["traffic"] = time.monotonic() - started
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and _outbox(url, pg_name)[0]:
                time.sleep(0.3)
            unprocessed, processed = _outbox(url, pg_name)
            phases["delivered"] = time.monotonic() - started
        finally:
            for name, process in processes.items():
                if process.poll() is None:
                    process.send_signal(signal.SIGINT if name.startswith("consumer") else signal.SIGTERM)
            for process in processes.values():
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
            from huey import RedisHuey

            RedisHuey(queue, url=redis_url).flush()

        rows = query_rows(
            url,
            pg_name,
            f"SELECT description, id FROM cases_case WHERE description LIKE '{MARK} %'",  # noqa: S608
        )
        ids_by_key: dict[str, list[int]] = {}
        for description, pk in rows:
            ids_by_key.setdefault(description.removeprefix(f"{MARK} "), []).append(pk)

    server_a_log = logs["a"].read_text()[-2000:]
    assert a.refused == [] and b.refused == [], (a.refused, b.refused, server_a_log)
    for key, pk in {**a.acknowledged, **b.acknowledged, **retried}.items():
        assert ids_by_key.get(key) == [pk], (
            f"{key}: acknowledged as case {pk}, in the database {ids_by_key.get(key)}"
        )
    # Nothing else, and nothing twice: a report a committed before it died is replayed, not written again.
    assert set(ids_by_key) == set(a.acknowledged) | set(b.acknowledged) | set(retried)
    assert b.after_kill >= 3, "server b stopped serving when a was killed"
    assert unprocessed == 0 and processed >= 1, (
        unprocessed,
        processed,
        logs["consumer-0"].read_text()[-2000:],
    )
    print(
        f"two servers: a acknowledged {len(a.acknowledged)} before its kill, {len(a.unanswered)} unanswered "
        f"(retried on b), b acknowledged {len(b.acknowledged)} ({b.after_kill} after the kill); "
        f"{processed} outbox rows delivered; {time.monotonic() - started:.1f} s "
        f"({', '.join(f'{k} {v:.1f}' for k, v in phases.items())})"
    )


def _outbox(url, pg_name) -> tuple[int, int]:
    [(unprocessed, processed)] = query_rows(
        url,
        pg_name,
        "SELECT COUNT(*) FILTER (WHERE processed_at IS NULL),"
        " COUNT(*) FILTER (WHERE processed_at IS NOT NULL) FROM notifications_outbox",
    )
    return unprocessed, processed
