"""Report intake through the service (routing, deadlines, events, roll-up, audit record, outbox, in one
transaction per report) against a bare ORM insert of the same case rows, one transaction each: cases per
second.

Both run after a warm-up of WARMUP reports that are not counted: a running server has its routing caches
(each place's captain, grid worker, estate company and dispatching level) warm, and the benchmark measures
that server, not its first minute.
"""

import time

from django.db import connection, transaction

from bench.common import print_table, record
from lianxin.areas.models import Area, Level
from lianxin.cases.models import Case, Category
from lianxin.cases.services import case_report
from lianxin.demo.accounts import demo_accounts_load
from lianxin.people.models import User

REPORTS = 5000
WARMUP = 300


def run(data_size: dict) -> None:
    demo_accounts_load()
    resident = User.objects.get(username="resident")
    # The last buildings of the tree: the queue's baseline user is posted on the first one, and reports left
    # there by each run would grow the baseline's page from run to run.
    buildings = list(Area.objects.filter(level=Level.BUILDING).order_by("-path")[:200])
    categories = list(Category.objects.filter(numchild=0, is_active=True, kind="problem").order_by("path"))
    plan = [(categories[i % len(categories)], buildings[i % len(buildings)]) for i in range(REPORTS)]
    run_id = time.time_ns()

    def report_all(steps, label: str) -> float:
        started = time.perf_counter()
        for i, (category, area) in enumerate(steps):
            case_report(
                resident,
                category=category,
                area=area,
                description="楼道里堆放的杂物一直没人清理",
                idempotency_key=f"bench-{run_id}-{label}-{i}",
            )
        return len(steps) / (time.perf_counter() - started)

    cold_rate = report_all(plan[:WARMUP], "warm")
    service_rate = report_all(plan, "run")

    started = time.perf_counter()
    bare = []
    for category, area in plan:
        with transaction.atomic():
            case = Case.objects.create(
                kind=category.kind,
                category=category,
                area=area,
                area_path=area.path,
                reporter=resident.person,
                title=f"{category.name} · {area.name}",
                description="楼道里堆放的杂物一直没人清理",
            )
        bare.append(case.pk)
    orm_rate = REPORTS / (time.perf_counter() - started)
    # The bare rows have no events and are in no roll-up: left behind, they would make every later figure
    # disagree with its direct computation. Nothing refers to them, so plain DELETEs (the ORM's cascade
    # collector would scan every table that refers to cases, which at a million cases costs more than the
    # benchmark).
    with connection.cursor() as cursor:
        for start in range(0, len(bare), 500):
            chunk = bare[start : start + 500]
            cursor.execute(
                f"DELETE FROM {Case._meta.db_table} WHERE id IN ({', '.join(['%s'] * len(chunk))})",  # noqa: S608  # nosec B608
                chunk,
            )

    size = {**data_size, "reports": REPORTS, "warmup": WARMUP}
    rows = [
        record(
            name="intake_cases_per_s",
            value=service_rate,
            unit="/s",
            baseline_name="bare_orm_insert_per_s",
            baseline_value=orm_rate,
            data_size=size,
        )
    ]
    print_table(
        f"Report intake, {REPORTS} reports over {len(buildings)} buildings, on {data_size.get('cases', 0):,} "
        f"cases, after {WARMUP} warm-up reports (cold caches: {cold_rate:,.0f}/s)",
        rows,
    )
