"""诉求管理: the staff's queue, scoped and filtered (state, category, area, overdue, kind, channel, date,
whose), and bulk dispatch: one dispatch per selected case with its own key, one result per row."""

from datetime import timedelta

import pytest

from lianxin.cases import selectors as services_selectors
from lianxin.cases import services
from lianxin.cases.models import Action, Case, State
from lianxin.cases.models.enums import OPEN_STATES as OPEN
from lianxin.cases.tests.pages import HTMX, key, text
from tests.cases_world import category, department

pytestmark = pytest.mark.django_db


def hotline(cast, area, code="road_damage", **kwargs):
    return services.case_report(
        cast.county_admin,
        category=category(code),
        area=area,
        description="来电反映问题",
        channel="hotline",
        **kwargs,
    )


def test_the_queue_shows_the_open_cases_of_the_users_scope_only(client_as, cast, places, clock):
    mine = hotline(cast, places.community)
    elsewhere = hotline(cast, places.other_community_estate)
    html = text(client_as("street_secretary").get("/cases/"))

    assert mine.number in html and elsewhere.number not in html
    assert elsewhere.number in text(client_as("county_admin").get("/cases/"))


def test_workers_residents_and_departments_have_no_staff_queue(client_as):
    for username in ("grid_worker", "resident", "dept_staff", "courier"):
        assert client_as(username).get("/cases/").status_code == 403


@pytest.mark.parametrize(
    ("query", "matches"),
    [
        ("state=reported", {"road"}),
        ("state=final", set()),
        ("kind=dispute", {"dispute"}),
        ("channel=hotline", {"road", "dispute"}),
        ("channel=h5", {"resident"}),
        ("q=漏水", {"resident"}),
        ("overdue=on", {"road"}),
    ],
)
def test_the_filters(client_as, cast, places, clock, query, matches):
    cases = {
        "road": hotline(cast, places.community),
        "dispute": hotline(cast, places.estate, "neighbour_dispute"),
        "resident": services.case_report(
            cast.resident,
            category=category("water_leak"),
            area=places.building,
            description="管道漏水",
            title="漏水",
        ),
    }
    services.case_take(cast.grid_worker, case=cases["dispute"])
    services.case_take(cast.building_captain, case=cases["resident"])
    clock.advance(hours=3)  # past the road case's response limit; the others were responded to
    html = text(client_as("community_secretary").get(f"/cases/?{query}", **HTMX))

    assert {name for name, case in cases.items() if case.number in html} == matches


def test_the_category_area_and_date_filters(client_as, cast, places, clock):
    light = services.case_report(
        cast.resident, category=category("stair_light"), area=places.building, description="灯坏了"
    )
    clock.advance(days=2)
    later = hotline(cast, places.other_estate, "cleaning")
    client = client_as("community_secretary")

    by_category = text(client.get(f"/cases/?category={category('property').pk}"))
    assert light.number in by_category and later.number not in by_category
    by_area = text(client.get(f"/cases/?area={places.other_estate.pk}"))
    assert later.number in by_area and light.number not in by_area
    day = (clock.now - timedelta(days=1)).date().isoformat()
    by_date = text(client.get(f"/cases/?date_from={day}"))
    assert later.number in by_date and light.number not in by_date


def test_an_htmx_filter_returns_the_table_only(client_as, cast, places, clock):
    hotline(cast, places.community)
    html = text(client_as("community_secretary").get("/cases/?state=open", **HTMX))

    assert 'data-testid="queue-table"' in html and "<html" not in html


def test_bulk_dispatch_sends_each_case_and_reports_each_row(client_as, cast, places, world, clock):
    first, second = hotline(cast, places.community), hotline(cast, places.community)
    taken = hotline(cast, places.estate, "neighbour_dispute")
    services.case_take(cast.grid_worker, case=taken)  # in progress: cannot be dispatched
    zhujian = department("zhujian", world.county)
    client = client_as("community_secretary")
    data = {"cases": [first.pk, second.pk, taken.pk], "target": f"department:{zhujian.pk}", "batch": key()}

    response = client.post("/cases/dispatch/", data, **HTMX)

    html = text(response)
    assert response.status_code == 200 and response["HX-Trigger"] == "queue-changed"
    assert html.count("result-ok") == 2 and html.count("result-failed") == 1
    for case in (first, second):
        case.refresh_from_db()
        assert case.handler_department == zhujian
    assert 'hx-swap-oob="outerHTML:#id_batch"' in html  # a fresh batch key for the next dispatch

    again = client.post("/cases/dispatch/", data, **HTMX)  # the same submission, repeated
    assert again.status_code == 200
    assert first.events.filter(action=Action.DISPATCH).count() == 1


def test_automatic_dispatch_from_the_pool_sends_to_the_categorys_department(
    client_as, cast, places, clock, world
):
    case = hotline(cast, places.community)  # a road: the community's pool takes it first, 住建 handles it
    response = client_as("community_secretary").post(
        "/cases/dispatch/", {"cases": [case.pk], "target": "auto", "batch": key()}, **HTMX
    )

    assert response.status_code == 200 and "result-ok" in text(response)
    case.refresh_from_db()
    assert case.handler_department == department("zhujian", world.county)


def test_a_row_the_engine_refuses_says_why_in_chinese(client_as, cast, places, clock):
    # A courier's difficulty: the community's own staff take it, no department below or above does.
    case = hotline(cast, places.community, code="courier")
    response = client_as("community_secretary").post(
        "/cases/dispatch/", {"cases": [case.pk], "target": "auto", "batch": key()}, **HTMX
    )

    assert response.status_code == 400
    assert "result-failed" in text(response) and "请选择承办方" in text(response)
    case.refresh_from_db()
    assert case.state == State.REPORTED


def test_bulk_dispatch_of_nothing_is_400_and_of_a_case_out_of_scope_is_a_failed_row(
    client_as, cast, places, clock
):
    elsewhere = hotline(cast, places.other_community_estate)
    client = client_as("community_secretary")

    empty = client.post("/cases/dispatch/", {"target": "auto", "batch": key()}, **HTMX)
    assert empty.status_code == 400 and "请至少选择一件诉求" in text(empty)
    outside = client.post(
        "/cases/dispatch/", {"cases": [elsewhere.pk], "target": "auto", "batch": key()}, **HTMX
    )
    assert outside.status_code == 404 and "result-failed" in text(outside)
    elsewhere.refresh_from_db()
    assert elsewhere.state == State.REPORTED


def test_the_queue_page_carries_the_keyboard_and_the_bulk_form(client_as, cast, places, clock):
    case = hotline(cast, places.community)
    html = text(client_as("community_secretary").get("/cases/"))

    assert "data-keyboard-table" in html and 'form="bulk-form"' in html
    assert f'data-testid="select-{case.pk}"' in html
    assert "/static/cases/cases.js" in html


def test_a_page_lists_its_cases_soonest_deadline_first_in_a_fixed_number_of_queries(
    client_as, cast, places, clock, django_assert_max_num_queries
):
    """The page is found in two steps (ids, then those rows with their joins): its order is the queue's,
    and fifty rows cost no more queries than one."""
    import re

    client = client_as("street_secretary")
    # The first report has the latest deadline (a dispute: ten working days): the page's order is not the
    # order of the rows' ids.
    hotline(cast, places.estate, "neighbour_dispute")
    client.get("/cases/")
    with django_assert_max_num_queries(40) as one:
        client.get("/cases/")
    for _ in range(4):
        hotline(cast, places.community)
        clock.advance(minutes=5)
    with django_assert_max_num_queries(40) as five:
        html = text(client.get("/cases/"))

    assert len(five.captured_queries) == len(one.captured_queries)
    shown = [int(pk) for pk in re.findall(r'data-testid="select-(\d+)"', html)]
    expected = list(
        services_selectors.case_list(user=cast.street_secretary, filters=services_selectors.CaseFilters())
        .filter(state__in=OPEN)
        .order_by(*services_selectors.QUEUE_ORDER)
        .values_list("pk", flat=True)[:50]
    )
    assert len(shown) >= 5 and shown == expected


def test_the_queue_pages_count_the_matches_and_a_page_past_the_end_shows_the_last(cast, places, clock):
    made = []
    for _ in range(5):
        made.append(hotline(cast, places.community).pk)
        clock.advance(minutes=5)
    cases = services_selectors.case_list(user=cast.street_secretary).filter(pk__in=made)
    order = list(cases.order_by(*services_selectors.QUEUE_ORDER).values_list("pk", flat=True))

    def page(number):
        return services_selectors.case_queue_page(cases=cases, number=number, per_page=2)

    second = page(2)
    assert second.paginator.count == 5 and second.paginator.num_pages == 3
    assert [c.pk for c in second.object_list] == order[2:4]
    row = second.object_list[0]
    assert row.category_name == "道路破损" and row.area_name == places.community.name
    assert row.handler_name == Case.objects.get(pk=row.pk).handler_label
    assert [c.pk for c in page(9).object_list] == order[4:] and page(9).number == 3
    assert [c.pk for c in page("x").object_list] == order[:2] and page("x").number == 1
    empty = services_selectors.case_queue_page(cases=cases.none(), number=3, per_page=2)
    assert empty.paginator.count == 0 and list(empty.object_list) == [] and empty.number == 1
