"""The cases API in-process, as the peer systems are measured (Django's test client, sequential, one account):
``POST /api/v1/cases/`` with the HTTP benchmark's body against the report service alone, the first page of the
staff list as JSON against ``/healthz``, and the per-request cost of the middleware: a signed-in no-op page
through every middleware minus the same view through none (``/healthz``, the issue's floor, checks the
database and the cache itself and costs more than the middleware), with what each middleware adds.

Figures (var/bench/results.jsonl): ``api_create_inproc_per_s`` (baseline ``intake_service_inproc_per_s``),
``api_list_inproc_p95_ms`` and ``http_overhead_p50_ms`` (baseline ``healthz_inproc_p50_ms``). The statements
one report costs are printed beside them (``tests`` hold the limit: lianxin/cases/tests/test_report_cost.py).
"""

import time
import uuid

from django.conf import settings
from django.db import connection
from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import include, path

from bench.common import print_table, record, signed_in, time_calls

CREATES = 400
RUNS = 200
# One account sending hundreds of reports would meet the per-account limits: the bench measures speed.
UNLIMITED = {"report": "100000000/h", "api_token": "100000000/m", "api_token_ip": "100000000/m"}


def _noop(request):
    """Nothing at all, for a signed-in user: what is left is the middleware's and the URL resolver's."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return HttpResponse(status=401)
    return HttpResponse(b"", content_type="text/plain")


# The project's URLs plus the no-op page, used only while the bench measures it.
urlpatterns = [path("bench-noop/", _noop), path("", include(settings.ROOT_URLCONF))]


def run(data_size: dict) -> None:
    from lianxin.areas.models import Area
    from lianxin.cases.models import Category
    from lianxin.cases.services import case_report
    from lianxin.demo.accounts import demo_accounts_load
    from lianxin.people.models import Post, User
    from lianxin.people.roles import Role
    from lianxin.tokens.services import token_create

    demo_accounts_load()
    worker = User.objects.get(username="grid_worker")
    estate = Post.objects.filter(person=worker.person, role=Role.GRID_WORKER).first().area
    category = Category.objects.get(code="cleaning")
    street = Area.objects.filter(level="street").order_by("path").first()
    _t, reporter_secret = token_create(actor=worker, name="bench in-process")
    _t, reader_secret = token_create(actor=User.objects.get(username="county_admin"), name="bench in-process")
    reporter = Client(HTTP_AUTHORIZATION=f"Bearer {reporter_secret}")
    reader = Client(HTTP_AUTHORIZATION=f"Bearer {reader_secret}")
    body = {"category": category.pk, "area": estate.pk, "description": "压力测试：楼下垃圾桶满了"}
    list_path = f"/api/v1/cases/?state=open&area={street.pk}&limit=50"
    run_id = uuid.uuid4().hex[:12]

    with override_settings(RATE_LIMITS={**settings.RATE_LIMITS, **UNLIMITED}):

        def post(i: int):
            response = reporter.post(
                "/api/v1/cases/", body, content_type="application/json", HTTP_IDEMPOTENCY_KEY=f"{run_id}-{i}"
            )
            assert response.status_code == 201, response.content
            return response

        for i in range(20):  # warm: routing caches, the token, the first answer
            post(-1 - i)
        statements: list[str] = []

        def count(execute, sql, params, many, context):
            statements.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            post(-100)
        started = time.perf_counter()
        for i in range(CREATES):
            post(i)
        api_rate = CREATES / (time.perf_counter() - started)

        started = time.perf_counter()
        for i in range(CREATES):
            case_report(
                worker,
                category=category,
                area=estate,
                description=body["description"],
                channel="api",
                idempotency_key=f"{run_id}-svc-{i}",
            )
        service_rate = CREATES / (time.perf_counter() - started)

        assert reader.get(list_path).status_code == 200
        listed = time_calls(lambda: reader.get(list_path), runs=RUNS)
        health = time_calls(lambda: reader.get("/healthz"), runs=RUNS)

    with override_settings(ROOT_URLCONF=__name__):
        page = signed_in(Client(), User.objects.get(username="county_admin"))
        assert page.get("/bench-noop/").status_code == 200
        noop = time_calls(lambda: page.get("/bench-noop/"), runs=RUNS * 2)
        health_page = time_calls(lambda: page.get("/healthz"), runs=RUNS * 2)
        # The floor: the same no-op view through a handler without any middleware (nobody is signed in, so
        # it answers 401 at once). /healthz is no floor: it checks the database and the cache itself.
        with override_settings(MIDDLEWARE=[]):
            bare_client = Client()
            bare = time_calls(lambda: bare_client.get("/bench-noop/"), runs=RUNS * 2)
        # What each middleware adds: the no-op page with that one left out, on a fresh client's handler.
        costs = []
        for name in settings.MIDDLEWARE:
            with override_settings(MIDDLEWARE=[m for m in settings.MIDDLEWARE if m != name]):
                try:  # without sessions or authentication nobody is signed in: not measured
                    without = signed_in(Client(), User.objects.get(username="county_admin"))
                    if without.get("/bench-noop/").status_code != 200:
                        continue
                except Exception:  # noqa: BLE001, S112
                    continue
                timing = time_calls(lambda c=without: c.get("/bench-noop/"), runs=RUNS)
                costs.append((noop.p50 - timing.p50, name))

    size = {**data_size, "creates": CREATES, "requests": RUNS}
    rows = [
        record(
            name="api_create_inproc_per_s",
            value=api_rate,
            unit="/s",
            baseline_name="intake_service_inproc_per_s",
            baseline_value=service_rate,
            data_size=size,
        ),
        record(
            name="api_list_inproc_p95_ms",
            value=listed.p95,
            unit="ms",
            baseline_name="healthz_inproc_p95_ms",
            baseline_value=health.p95,
            data_size=size,
        ),
        record(
            name="http_overhead_p50_ms",
            value=noop.p50 - bare.p50,
            unit="ms",
            baseline_name="healthz_inproc_p50_ms",
            baseline_value=health_page.p50,
            data_size=size,
        ),
    ]
    print_table(
        f"Cases API in-process, sequential ({CREATES} reports, {RUNS} list pages, "
        f"{data_size.get('cases', 0):,} cases)",
        rows,
    )
    cache = sum(1 for sql in statements if "lianxin_shared_cache" in sql)
    print(
        f"  one report: {len(statements)} statements ({cache} of them the rate-limit counters); "
        f"signed-in no-op page p50 {noop.p50:.2f} ms, without middleware {bare.p50:.2f} ms"
    )
    for cost, name in sorted(costs, reverse=True)[:8]:
        print(f"  middleware {name.rsplit('.', 1)[-1]:<32} {cost:+.2f} ms p50")
