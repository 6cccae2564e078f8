"""The figures from the roll-up against the same figures computed directly from the case table: all
figures for the county for a year, and for every street (and township) of the county for a month (one
split by child, as the dashboard asks). Also the intake rate through the service with the roll-up kept in
the same transaction against the same intake with the roll-up switched off."""

import time

from django.db.models import Max

from bench.common import print_table, record, time_calls
from lianxin.areas.models import Area, Level
from lianxin.cases import figures
from lianxin.cases.listeners import step_listener_register, step_listener_unregister, step_listeners
from lianxin.cases.models import Case, CaseRollup, Category
from lianxin.cases.services import case_report
from lianxin.demo.accounts import demo_accounts_load
from lianxin.people.models import User

RUNS = 60
BASELINE_RUNS = 5
REPORTS = 500


def _latest_day():
    from django.utils import timezone

    latest = Case.objects.aggregate(m=Max("reported_at"))["m"]
    return timezone.localdate(latest) if latest else timezone.localdate()


def _intake_rate(resident, plan, tag: str) -> float:
    started = time.perf_counter()
    for i, (category, area) in enumerate(plan):
        case_report(
            resident, category=category, area=area, description="路灯不亮", idempotency_key=f"{tag}-{i}"
        )
    return len(plan) / (time.perf_counter() - started)


def run(data_size: dict) -> None:
    if not CaseRollup.objects.exists() and Case.objects.exists():
        print("Rebuilding the roll-up …", flush=True)
        figures.rollups_rebuild()
    county = Area.objects.filter(level=Level.COUNTY).order_by("path").first()
    day = _latest_day()
    year, month = figures.period_of("year", day), figures.period_of("month", day)

    def county_year(source):
        return lambda: figures.figures_for_area(area=county, period=year, source=source)

    def streets_month(source):
        return lambda: figures.figures_for_area(area=county, period=month, by="child", source=source)

    assert county_year("rollup")().counts == county_year("cases")().counts, "roll-up and cases disagree"
    rollup_cy = time_calls(county_year("rollup"), runs=RUNS, warmup=5)
    cases_cy = time_calls(county_year("cases"), runs=BASELINE_RUNS, warmup=1)
    rollup_sm = time_calls(streets_month("rollup"), runs=RUNS, warmup=5)
    cases_sm = time_calls(streets_month("cases"), runs=BASELINE_RUNS, warmup=1)

    demo_accounts_load()
    resident = User.objects.get(username="resident")
    buildings = list(Area.objects.filter(level=Level.BUILDING).order_by("path")[:200])
    categories = list(Category.objects.filter(numchild=0, is_active=True, kind="problem").order_by("path"))
    plan = [(categories[i % len(categories)], buildings[i % len(buildings)]) for i in range(REPORTS)]
    tag = f"bench-figures-{time.time_ns()}"
    with_rollup = _intake_rate(resident, plan, f"{tag}-a")
    # The same reports without the roll-up's step listener, put back as it was registered.
    (rollup,) = [listener for listener in step_listeners() if listener.name == "cases.rollup"]
    step_listener_unregister(rollup.name)
    try:
        without_rollup = _intake_rate(resident, plan, f"{tag}-b")
    finally:
        step_listener_register(
            rollup.func, steps=rollup.steps, kinds=rollup.kinds, order=rollup.order, name=rollup.name
        )
    figures.rollups_rebuild()  # the reports made without the roll-up must be counted again

    size = {
        **data_size,
        "rollup_rows": CaseRollup.objects.count(),
        "county_year_cases": figures.figures_for_area(area=county, period=year).reported,
        "streets": len(figures.area_children(county)),
    }
    rows = [
        record(
            name="figures_county_year_p95_ms",
            value=rollup_cy.p95,
            unit="ms",
            baseline_name="direct_from_cases_p95_ms",
            baseline_value=cases_cy.p95,
            data_size=size,
        ),
        record(
            name="figures_streets_month_p95_ms",
            value=rollup_sm.p95,
            unit="ms",
            baseline_name="direct_from_cases_p95_ms",
            baseline_value=cases_sm.p95,
            data_size=size,
        ),
        record(
            name="intake_with_rollup_per_s",
            value=with_rollup,
            unit="/s",
            baseline_name="intake_without_rollup_per_s",
            baseline_value=without_rollup,
            data_size={**size, "reports": REPORTS},
        ),
    ]
    print_table(
        f"Figures from the roll-up vs. directly from the case table ({size['cases']:,} cases, "
        f"{size['rollup_rows']:,} roll-up rows; county year {size['county_year_cases']:,} cases)",
        rows,
    )
