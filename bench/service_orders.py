"""Service-order intake (issue 21 "Speed"): residents' orders of a service item through the engine, each
matched to a listed provider by the intake router, paid in points and counted in the provision roll-up, in
one transaction per order — against the plain case intake of the same number of problem reports by the same
resident at the same buildings, in the same run.

- ``intake_service_orders_per_s`` (baseline ``intake_cases_per_s`` of this run): target ≥ 400/s.

Both run after WARMUP reports that are not counted (warm routing and matching caches, as a running server).
BENCH_ORDERS sets the number of reports of each kind (default 2,000).
"""

import os
import time

from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.common import print_table, record
from lianxin.areas.models import Area, Level
from lianxin.cases.models import Category
from lianxin.cases.services import case_report
from lianxin.demo.accounts import demo_accounts_load
from lianxin.people.models import User
from lianxin.points.services import points_award
from lianxin.provision.demo import provision_demo_ensure
from lianxin.provision.matching import provider_match
from lianxin.provision.models import ServiceItem

WARMUP = 200


def run(data_size: dict) -> None:
    reports = int(os.environ.get("BENCH_ORDERS", 2000))
    demo_accounts_load()
    provision_demo_ensure()
    resident = User.objects.get(username="resident")
    buildings = list(Area.objects.filter(level=Level.BUILDING).order_by("-path")[:200])
    # The items some listed provider offers at every one of these buildings (the county-wide listings'),
    # so that each order is matched at intake, as the scenario's meal order is.
    items = [
        item
        for item in ServiceItem.objects.select_related("category").order_by("category__path")
        if all(provider_match(item=item, area=b) for b in buildings[:3])
    ]
    problems = list(Category.objects.filter(numchild=0, is_active=True, kind="problem").order_by("path"))
    if not items or not problems or not buildings:
        print(
            "\nService-order intake: no matched item, problem category or building in the bench data; skipped"
        )
        return
    total = reports + WARMUP
    run_id = time.time_ns()
    price = max(item.points_price for item in items)
    if price:
        points_award(
            None,
            person=resident.person,
            amount=min(price * total, 1_000_000),
            key=f"bench-orders-{run_id}",
            reason="基准测试",
            source_kind="bench",
        )

    def report_all(plan, label: str) -> float:
        started = time.perf_counter()
        for i, (category, area) in enumerate(plan):
            case_report(
                resident,
                category=category,
                area=area,
                description="每周上门一次",
                idempotency_key=f"bench-{run_id}-{label}-{i}",
            )
        return len(plan) / (time.perf_counter() - started)

    orders = [(items[i % len(items)].category, buildings[i % len(buildings)]) for i in range(total)]
    cases = [(problems[i % len(problems)], buildings[i % len(buildings)]) for i in range(total)]
    report_all(orders[:WARMUP], "orders-warm")
    report_all(cases[:WARMUP], "cases-warm")
    # Alternate the two in halves so that neither meets a warmer disk or a larger table alone.
    half = reports // 2
    order_rates = [report_all(orders[WARMUP : WARMUP + half], "orders-a")]
    case_rates = [report_all(cases[WARMUP : WARMUP + half], "cases-a")]
    case_rates.append(report_all(cases[WARMUP + half :], "cases-b"))
    order_rates.append(report_all(orders[WARMUP + half :], "orders-b"))
    order_rate = sum(order_rates) / len(order_rates)
    case_rate = sum(case_rates) / len(case_rates)
    # The SQL statements of one more of each (a paid order: the item with the highest price), printed
    # beside the table, not recorded.
    paid = max(items, key=lambda item: item.points_price)
    statements = {}
    for label, step in (("order", (paid.category, buildings[0])), ("report", cases[0])):
        with CaptureQueriesContext(connection) as captured:
            report_all([step], f"count-{label}")
        statements[label] = len(captured.captured_queries)

    size = {**data_size, "reports": reports, "warmup": WARMUP, "items": len(items)}
    rows = [
        record(
            name="intake_service_orders_per_s",
            value=order_rate,
            unit="/s",
            baseline_name="intake_cases_per_s",
            baseline_value=case_rate,
            data_size=size,
        )
    ]
    print_table(
        f"Service-order intake, {reports} orders of {len(items)} matched items over {len(buildings)} "
        f"buildings (router, matching, points), against as many problem reports, on "
        f"{data_size.get('cases', 0):,} cases",
        rows,
    )
    print(
        f"  SQL statements: a paid order {statements['order']}, a problem report {statements['report']} "
        "(each in its own transaction)"
    )
