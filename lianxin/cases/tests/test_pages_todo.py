"""我的待办: what waits on a worker, a department or a company, soonest deadline first; his level's pool
(P002-54) and what he first received (P002-43); taken from the row in one tap."""

import pytest

from lianxin.cases import services
from lianxin.cases.models import Case, State
from lianxin.cases.tests.pages import HTMX, housing_case, key, stair_light, text
from tests.cases_world import category, department

pytestmark = pytest.mark.django_db


def test_the_captain_sees_the_stair_light_and_takes_it_from_the_row(client_as, cast, places, clock):
    case = stair_light(cast, places)
    client = client_as("building_captain")
    assert case.number in text(client.get("/cases/todo/"))

    row = client.post(f"/cases/{case.pk}/steps/take/", {"idempotency_key": key(), "return_to": "row"}, **HTMX)

    case.refresh_from_db()
    assert row.status_code == 200 and case.state == State.IN_PROGRESS
    assert text(row).startswith('<li class="case-item" id="case-row-')
    assert 'data-testid="take"' not in text(row)


def test_a_take_without_htmx_opens_the_case_page(client_as, cast, places, clock):
    case = stair_light(cast, places)
    response = client_as("building_captain").post(
        f"/cases/{case.pk}/steps/take/", {"idempotency_key": key(), "return_to": "row"}
    )

    assert response.status_code == 302 and response["Location"] == f"/cases/{case.pk}/"


def test_the_queue_is_sorted_by_deadline(client_as, cast, places, clock):
    later = stair_light(cast, places)
    clock.advance(hours=-3)
    sooner = stair_light(cast, places)
    html = text(client_as("building_captain").get("/cases/todo/"))

    assert html.index(sooner.number) < html.index(later.number)


def test_an_escalated_case_is_in_the_communitys_pool_while_it_is_there(client_as, cast, places, clock):
    case = services.case_report(
        cast.resident, category=category("cleaning"), area=places.estate, description="垃圾没清"
    )
    services.case_take(cast.property_staff, case=case)
    services.case_escalate(cast.property_staff, case=case, note="需要社区协调")
    client = client_as("community_secretary")

    pool = text(client.get("/cases/todo/?tab=pool", **HTMX))
    assert case.number in pool and "<html" not in pool
    services.case_take(cast.community_secretary, case=case)
    assert case.number not in text(client.get("/cases/todo/?tab=pool"))


def test_a_case_first_received_stays_on_the_list_after_dispatch(client_as, cast, places, world, clock):
    case = housing_case(cast, places, world)
    client = client_as("community_secretary")

    assert case.number in text(client.get("/cases/todo/?tab=first"))
    assert case.number in text(client_as("dept_staff").get("/cases/todo/"))


def test_department_staff_see_only_their_departments_cases(client_as, cast, places, world, clock):
    housing = housing_case(cast, places, world)
    civil = services.case_report(
        cast.community_secretary,
        category=category("subsistence"),
        area=places.community,
        description="低保申请",
    )
    services.case_dispatch(
        cast.community_secretary, case=civil, department=department("minzheng", world.county)
    )
    html = text(client_as("dept_staff").get("/cases/todo/"))

    assert housing.number in html and civil.number not in html


def test_a_resident_has_no_to_do_list(client_as):
    assert client_as("resident").get("/cases/todo/").status_code == 403


def test_someone_who_is_not_the_handler_is_refused_with_403(client_as, cast, places, clock):
    case = stair_light(cast, places)
    response = client_as("resident").post(
        f"/cases/{case.pk}/steps/take/", {"idempotency_key": key(), "return_to": "row"}, **HTMX
    )

    assert response.status_code == 403
    assert "您的岗位不能对该诉求执行此操作。" in text(response)
    assert Case.objects.get(pk=case.pk).state == State.DISPATCHED
