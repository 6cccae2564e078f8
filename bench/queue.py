"""The staff queue page (诉求管理), 50 rows, filtered and scoped, through the whole Django stack in-process,
against the same page with an empty filter over a small table (a staff post over one building).

The measured page is the street secretary's: every case of his street (half the county), open cases of one
top-level category, soonest deadline first, the first page of 50. The baseline is the same view and
template for a community worker posted on a single building: the default filter (open cases), a handful of
rows — what the page costs when the database has little to do.
"""

import re

from django.test import Client

from bench.common import print_table, record, signed_in, time_calls
from lianxin.areas.models import Area, Level
from lianxin.cases.models import Category
from lianxin.cases.selectors import CaseFilters, case_list
from lianxin.demo.accounts import demo_accounts_load
from lianxin.people.models import Person, Post, User
from lianxin.people.roles import Role

RUNS = 100
PAGE_ROWS = 50
BASELINE_USER = "bench_building_staff"


def _rows(response) -> int:
    return len(re.findall(rb"<tr data-row", response.content))


def _baseline_user() -> User:
    """A community worker over one building: the staff queue over a small table."""
    user = User.objects.filter(username=BASELINE_USER).first()
    if user is not None:
        return user
    building = Area.objects.filter(level=Level.BUILDING).order_by("path").first()
    person = Person.objects.create(name="基准楼栋工作人员")
    Post.objects.create(person=person, role=Role.COMMUNITY_WORKER, area=building, area_path=building.path)
    return User.objects.create(username=BASELINE_USER, person=person)


def _filtered_url(user) -> tuple[str, int]:
    """Open cases of the top-level category with the most open cases in the user's scope (≥ 50 if any)."""
    best, best_count = None, -1
    for category in Category.objects.filter(depth=1, is_active=True).order_by("path"):
        count = case_list(user=user, filters=CaseFilters(state="open", category=category.pk)).count()
        if count > best_count:
            best, best_count = category, count
        if count >= PAGE_ROWS * 4:
            break
    return f"/cases/?state=open&category={best.pk}", best_count


def run(data_size: dict) -> None:
    demo_accounts_load()
    staff = User.objects.get(username="street_secretary")
    small = _baseline_user()
    client, baseline_client = Client(), Client()
    signed_in(client, staff)
    signed_in(baseline_client, small)

    url, matched = _filtered_url(staff)
    first = client.get(url)
    assert first.status_code == 200, f"the staff queue did not render ({first.status_code})"
    rows = _rows(first)
    baseline_first = baseline_client.get("/cases/")
    assert baseline_first.status_code == 200, "the baseline queue did not render"
    baseline_rows = _rows(baseline_first)
    baseline_matched = case_list(user=small, filters=CaseFilters(state="open")).count()

    queue = time_calls(lambda: client.get(url), runs=RUNS)
    baseline = time_calls(lambda: baseline_client.get("/cases/"), runs=RUNS)

    size = {
        **data_size,
        "requests": RUNS,
        "scope_cases": case_list(user=staff).count(),
        "matched": matched,
        "rows": rows,
        "baseline_matched": baseline_matched,
        "baseline_rows": baseline_rows,
    }
    result = record(
        name="queue_p95_ms",
        value=queue.p95,
        unit="ms",
        baseline_name="queue_small_table_p95_ms",
        baseline_value=baseline.p95,
        data_size=size,
    )
    print_table(
        f"Staff queue, {rows} rows of {matched:,} matching in a scope of {size['scope_cases']:,} cases "
        f"({RUNS} requests) vs. the same page over {baseline_matched} open cases of one building",
        [result],
    )
