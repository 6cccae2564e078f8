"""The cases API over HTTP: ``POST /api/v1/cases/`` and ``GET /api/v1/cases/?…`` under gunicorn (2 workers, or
``BENCH_HTTP_WORKERS``), 20 concurrent clients over loopback, beside the health endpoint through the same
server as the floor: p95 latency and requests per second of each.

    python -m bench.http --cases 1000000 --requests 2000 --clients 20

Run alone, it first tops the bench database up to ``--cases`` cases (default 1,000,000) with the engine's
generator (``bench.data``); under ``make bench`` it measures on the database the other benchmarks share.
"""

import argparse
import json
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from http.client import HTTPConnection
from pathlib import Path

from django.conf import settings

from bench.common import Timing, print_table, record

DEFAULT_CASES = 1_000_000
DEFAULT_REQUESTS = 2000
DEFAULT_CLIENTS = 20
PORT = int(os.environ.get("BENCH_HTTP_PORT", "8011"))
# The figures are for 2 workers on SQLite and 4 on PostgreSQL: BENCH_HTTP_WORKERS=4 for the latter.
WORKERS = int(os.environ.get("BENCH_HTTP_WORKERS", "2"))
ROOT = Path(__file__).resolve().parent.parent


# Twenty clients on one account would meet the per-account limits at once: the bench measures speed.
UNLIMITED = {
    "RATE_LIMIT_REPORT": "100000000/h",
    "RATE_LIMIT_API_TOKEN": "100000000/m",
    "RATE_LIMIT_API_TOKEN_IP": "100000000/m",
}


def _server_env() -> dict:
    """Production settings for the server: DEBUG off (no query log), the same database and secrets."""
    env = dict(os.environ, **UNLIMITED)
    env.update(
        DEBUG="false",
        SECRET_KEY=settings.SECRET_KEY,
        FIELD_ENCRYPTION_KEY=settings.FIELD_ENCRYPTION_KEY,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        SECURE_HSTS_SECONDS="0",
        LOG_LEVEL="WARNING",
        BIND=f"127.0.0.1:{PORT}",
        WEB_WORKERS=str(WORKERS),
        LIANXIN_VAR_DIR=str(settings.VAR_DIR),
    )
    return env


def _wait_for(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not start on port {port}")


def _hammer(*, clients: int, requests: int, make) -> tuple[Timing, float, dict[int, int]]:
    """``requests`` calls spread over ``clients`` threads, each on its own keep-alive connection.
    ``make(i)`` gives (method, path, body, headers). Returns latencies, requests per second and statuses."""
    per_client = max(1, requests // clients)
    samples: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    start_gate = threading.Barrier(clients)

    def worker(index: int) -> None:
        connection = HTTPConnection("127.0.0.1", PORT, timeout=60)
        mine, seen = [], {}
        start_gate.wait()
        for n in range(per_client):
            method, path, body, headers = make(index * per_client + n)
            started = time.perf_counter()
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            mine.append((time.perf_counter() - started) * 1000)
            seen[response.status] = seen.get(response.status, 0) + 1
        connection.close()
        with lock:
            samples.extend(mine)
            for status, count in seen.items():
                statuses[status] = statuses.get(status, 0) + count

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    return Timing(samples), len(samples) / elapsed, statuses


def run(data_size: dict, *, requests: int = DEFAULT_REQUESTS, clients: int = DEFAULT_CLIENTS) -> None:
    """``make bench`` calls this on the bench database (``bench.data``: BENCH_CASES cases, 1,000,000 unless
    set); ``python -m bench.http --cases N`` builds that database itself."""
    from lianxin.areas.models import Area
    from lianxin.cases.models import Category
    from lianxin.demo.accounts import demo_accounts_load
    from lianxin.people.models import Post, User
    from lianxin.people.roles import Role
    from lianxin.tokens.services import token_create

    demo_accounts_load()
    loaded = data_size["cases"]
    worker_user = User.objects.get(username="grid_worker")
    estate = Post.objects.filter(person=worker_user.person, role=Role.GRID_WORKER).first().area
    category = Category.objects.get(code="cleaning")
    street = Area.objects.filter(level="street").order_by("path").first()
    _t, reporter_secret = token_create(actor=worker_user, name="bench http")
    _t, reader_secret = token_create(actor=User.objects.get(username="county_admin"), name="bench http")
    report = json.dumps(
        {"category": category.pk, "area": estate.pk, "description": "压力测试：楼下垃圾桶满了"},
        ensure_ascii=False,
    ).encode()
    list_path = f"/api/v1/cases/?state=open&area={street.pk}&limit=50"

    def health(_i):
        return "GET", "/healthz", None, {}

    def post_case(_i):
        headers = {
            "Authorization": f"Bearer {reporter_secret}",
            "Content-Type": "application/json",
            "Idempotency-Key": uuid.uuid4().hex,
        }
        return "POST", "/api/v1/cases/", report, headers

    def list_cases(_i):
        return "GET", list_path, None, {"Authorization": f"Bearer {reader_secret}"}

    server = subprocess.Popen(  # noqa: S603 - our own gunicorn, our own arguments
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "--config",
            "gunicorn.conf.py",
            "lianxin.wsgi:application",
        ],
        cwd=ROOT,
        env=_server_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for(PORT)
        for make in (health, post_case, list_cases):  # warm both workers
            _hammer(clients=clients, requests=clients * 2, make=make)
        floor, floor_rps, floor_status = _hammer(clients=clients, requests=requests, make=health)
        posted, post_rps, post_status = _hammer(clients=clients, requests=requests, make=post_case)
        listed, list_rps, list_status = _hammer(clients=clients, requests=requests, make=list_cases)
    finally:
        server.terminate()
        server.wait(timeout=30)
    for name, statuses in (("health", floor_status), ("POST cases", post_status), ("GET cases", list_status)):
        if set(statuses) - {200, 201}:
            print(f"  {name}: unexpected statuses {statuses}")
    server_label = f"gunicorn, {WORKERS} workers"
    size = {"cases": loaded, "requests": requests, "clients": clients, "server": server_label}
    rows = [
        record(
            name="http_post_cases_p95_ms",
            value=posted.p95,
            unit="ms",
            baseline_name="http_health_p95_ms",
            baseline_value=floor.p95,
            data_size=size,
        ),
        record(
            name="http_list_cases_p95_ms",
            value=listed.p95,
            unit="ms",
            baseline_name="http_health_p95_ms",
            baseline_value=floor.p95,
            data_size=size,
        ),
        record(
            name="http_post_cases_per_s",
            value=post_rps,
            unit="/s",
            baseline_name="http_health_per_s",
            baseline_value=floor_rps,
            data_size=size,
        ),
        record(
            name="http_list_cases_per_s",
            value=list_rps,
            unit="/s",
            baseline_name="http_health_per_s",
            baseline_value=floor_rps,
            data_size=size,
        ),
    ]
    print_table(
        f"Cases API over HTTP ({clients} clients, {requests} requests each, {loaded:,} cases, "
        f"gunicorn {WORKERS} workers)",
        rows,
    )
    print(
        f"  throughput: POST /api/v1/cases/ {post_rps:.0f} req/s, GET {list_path} {list_rps:.0f} req/s, "
        f"health {floor_rps:.0f} req/s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=DEFAULT_CASES, help="cases loaded (default 1,000,000)")
    parser.add_argument("--requests", type=int, default=DEFAULT_REQUESTS, help="requests per endpoint")
    parser.add_argument("--clients", type=int, default=DEFAULT_CLIENTS, help="concurrent clients")
    args = parser.parse_args()
    os.environ["BENCH_CASES"] = str(args.cases)
    from bench.data import ensure_world_and_cases

    settings.DEBUG = False
    run(ensure_world_and_cases(), requests=args.requests, clients=args.clients)


if __name__ == "__main__":
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lianxin.settings")
    django.setup()
    main()
