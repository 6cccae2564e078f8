"""Batch intake (``POST /api/v1/cases/batch``, 500 reports a request, in-process) against the same reports
taken in one by one through the report service (one transaction each, as ``bench.intake``), in the same run:
cases per second. Both route, time-limit, audit and roll up every report alike (lianxin/cases/tests/
test_api_batch.py); the batch saves the per-report transaction, request and answer."""

import time
import uuid

from django.conf import settings
from django.test import Client, override_settings

from bench.common import print_table, record
from lianxin.areas.models import Area, Level
from lianxin.cases.models import Category
from lianxin.cases.services import case_report
from lianxin.demo.accounts import demo_accounts_load
from lianxin.people.models import User
from lianxin.tokens.services import token_create

BATCH = 500
BATCHES = 4
WARMUP = 200


def run(data_size: dict) -> None:
    demo_accounts_load()
    # A street secretary: staff over every building of his street, as a hotline desk is.
    staff = User.objects.get(username="street_secretary")
    street = Area.objects.filter(level=Level.STREET).order_by("path").first()
    buildings = list(
        Area.objects.filter(level=Level.BUILDING, path__startswith=street.path).order_by("-path")[:200]
    )
    categories = list(Category.objects.filter(numchild=0, is_active=True, kind="problem", is_public=True))
    total = BATCH * BATCHES
    plan = [(categories[i % len(categories)], buildings[i % len(buildings)]) for i in range(total + WARMUP)]
    run_id = uuid.uuid4().hex[:12]
    description = "12345 转办：楼道里堆放的杂物一直没人清理"

    def one_by_one(steps, label):
        started = time.perf_counter()
        for i, (category, area) in enumerate(steps):
            case_report(
                staff,
                category=category,
                area=area,
                description=description,
                channel="hotline",
                idempotency_key=f"{run_id}-{label}-{i}",
            )
        return len(steps) / (time.perf_counter() - started)

    one_by_one(plan[:WARMUP], "warm")
    single_rate = one_by_one(plan[WARMUP:], "one")

    _t, secret = token_create(actor=staff, name="bench batch")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    items = [
        {
            "category": category.pk,
            "area": area.pk,
            "description": description,
            "channel": "hotline",
            "idempotency_key": f"{run_id}-batch-{i}",
        }
        for i, (category, area) in enumerate(plan[WARMUP:])
    ]
    refused = 0
    with override_settings(RATE_LIMITS={**settings.RATE_LIMITS, "report_batch": "100000/h"}):
        started = time.perf_counter()
        for start in range(0, total, BATCH):
            response = client.post(
                "/api/v1/cases/batch",
                {"items": items[start : start + BATCH]},
                content_type="application/json",
            )
            assert response.status_code == 200, response.content[:500]
            refused += response.json()["refused"]
        batch_rate = total / (time.perf_counter() - started)
    if refused:
        print(f"  {refused} batch items refused")

    size = {**data_size, "reports": total, "batch": BATCH}
    rows = [
        record(
            name="intake_batch_cases_per_s",
            value=batch_rate,
            unit="/s",
            baseline_name="intake_cases_per_s",
            baseline_value=single_rate,
            data_size=size,
        )
    ]
    print_table(
        f"Batch intake, {BATCHES} batches of {BATCH} against {total} single reports through the service, on "
        f"{data_size.get('cases', 0):,} cases",
        rows,
    )
