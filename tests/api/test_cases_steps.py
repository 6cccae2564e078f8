"""Every step of the loop as its own POST: who may take it, what it refuses, and that a retried POST with
the same Idempotency-Key does its work once."""

import pytest

from lianxin.cases import services
from lianxin.cases.models import Action, CaseEvent, State
from tests.api.helpers import assert_error
from tests.cases_world import category, department

pytestmark = pytest.mark.django_db


def post(client, url, body=None, **headers):
    return client.post(url, body or {}, content_type="application/json", **headers)


def _patrol_report(cast, places, description: str):
    """A road problem the community secretary takes in on patrol: it waits in the community's pool."""
    return services.case_report(
        cast.community_secretary,
        category=category("road_damage"),
        area=places.community,
        description=description,
        channel="patrol",
    )


@pytest.fixture
def light(cast, places, clock):
    return services.case_report(
        cast.resident, category=category("stair_light"), area=places.building, description="3号楼楼道灯坏了"
    )


def test_the_stair_light_goes_round_the_whole_loop_through_the_api(api_as, light, clock):
    captain, secretary, resident = (
        api_as("building_captain"),
        api_as("community_secretary"),
        api_as("resident"),
    )
    url = f"/api/v1/cases/{light.pk}"

    assert post(captain, f"{url}/take").json()["state"] == State.IN_PROGRESS
    clock.advance(hours=1)
    handled = post(captain, f"{url}/handle", {"note": "已更换声控灯泡"})
    assert handled.status_code == 200 and handled.json()["state"] == State.HANDLED
    assert (
        post(secretary, f"{url}/verify", {"passed": True, "note": "灯已亮"}).json()["state"] == State.VERIFIED
    )
    closed = post(resident, f"{url}/rate", {"rating": "satisfied", "note": "很快"})

    body = closed.json()
    assert body["state"] == State.CLOSED
    assert body["rating"] == "satisfied"
    assert [e["action"] for e in body["events"]] == [
        "report",
        "dispatch",
        "take",
        "handle",
        "verify",
        "rate",
        "close",
    ]


def test_a_step_the_callers_post_does_not_allow_is_a_403(api_as, light):
    refused = post(api_as("resident"), f"/api/v1/cases/{light.pk}/take")

    assert_error(refused, 403, "forbidden")
    assert light.events.count() == 2


def test_a_step_from_the_wrong_state_is_a_409(api_as, light):
    response = post(api_as("community_secretary"), f"/api/v1/cases/{light.pk}/verify", {"passed": True})

    assert_error(response, 409, "invalid_state")


def test_a_missing_reason_is_refused_naming_the_field(api_as, light):
    captain = api_as("building_captain")
    missing = post(captain, f"/api/v1/cases/{light.pk}/return")
    empty = post(captain, f"/api/v1/cases/{light.pk}/return", {"reason": "  "})

    assert assert_error(missing, 422, "invalid")["fields"] == {"reason": "This field is required."} or set(
        assert_error(missing, 422, "invalid")["fields"]
    ) == {"reason"}
    assert set(assert_error(empty, 400, "invalid")["fields"]) == {"reason"}


def test_a_retried_step_with_the_same_key_makes_one_event(api_as, light):
    captain = api_as("building_captain")
    url = f"/api/v1/cases/{light.pk}/take"

    first = post(captain, url, HTTP_IDEMPOTENCY_KEY="take-1")
    again = post(captain, url, HTTP_IDEMPOTENCY_KEY="take-1")

    assert first.status_code == again.status_code == 200
    assert first.json()["events"] == again.json()["events"]
    assert light.events.filter(action=Action.TAKE).count() == 1
    assert CaseEvent.objects.filter(idempotency_key="take-1").count() == 1


def test_a_key_reused_for_another_step_is_a_409(api_as, light):
    captain = api_as("building_captain")
    post(captain, f"/api/v1/cases/{light.pk}/take", HTTP_IDEMPOTENCY_KEY="k-7")

    response = post(
        captain, f"/api/v1/cases/{light.pk}/handle", {"note": "修好了"}, HTTP_IDEMPOTENCY_KEY="k-7"
    )

    assert_error(response, 409, "idempotency_conflict")


def test_a_report_retried_with_the_same_key_is_one_case(api_as, places, clock):
    client = api_as("resident")
    body = {"category": category("stair_light").pk, "area": places.building.pk, "description": "灯坏了"}

    first = post(client, "/api/v1/cases/", body, HTTP_IDEMPOTENCY_KEY="report-9")
    again = post(client, "/api/v1/cases/", body, HTTP_IDEMPOTENCY_KEY="report-9")

    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]


def test_the_community_dispatches_to_a_department_which_takes_and_returns_it(
    api_as, cast, places, clock, world
):
    road = _patrol_report(cast, places, "路面塌陷")
    secretary, housing = api_as("community_secretary"), api_as("dept_staff")
    zhujian = department("zhujian", world.county)
    url = f"/api/v1/cases/{road.pk}"

    assert post(secretary, f"{url}/accept").json()["state"] == State.ACCEPTED
    dispatched = post(secretary, f"{url}/dispatch", {"department": zhujian.pk, "note": "请住建局处理"})
    assert dispatched.json()["handler_label"] == zhujian.name
    assert post(housing, f"{url}/take").json()["state"] == State.IN_PROGRESS
    returned = post(housing, f"{url}/return", {"reason": "属于市政道路，不归住建"})
    assert returned.json()["return_pending"] is True
    disputed = post(secretary, f"{url}/return-dispute", {"note": "就是小区内道路"})
    assert disputed.json()["return_disputed"] is True
    decided = post(
        api_as("street_secretary"), f"{url}/return-decide", {"upheld": False, "note": "由住建办理"}
    )
    assert decided.json()["handler_label"] == zhujian.name
    assert_error(post(housing, f"{url}/return", {"reason": "再退"}), 409, "invalid_state")


def test_a_department_that_does_not_serve_the_place_is_refused(api_as, cast, places, clock):
    from lianxin.people.models import Department

    road = _patrol_report(cast, places, "路面塌陷")
    other_street = (
        Department.objects.filter(area__path__startswith=places.other_community_estate.path[:12])
        .exclude(
            area__path__in=[places.community.path[:n] for n in range(4, len(places.community.path) + 1, 4)]
        )
        .first()
    )
    secretary = api_as("community_secretary")

    for department_id in [10**9, *([other_street.pk] if other_street else [])]:
        response = post(secretary, f"/api/v1/cases/{road.pk}/dispatch", {"department": department_id})
        assert set(assert_error(response, 400, "invalid")["fields"]) == {"department"}
    assert road.events.count() == 1


def test_the_street_whistles_and_the_departments_report(api_as, cast, places, clock, world):
    lane = services.case_report(
        cast.courier, category=category("fire_lane"), area=places.estate, description="消防通道被堵"
    )
    services.case_take(cast.grid_worker, case=lane)
    services.case_escalate(cast.grid_worker, case=lane, note="需要执法")
    zhifa, zhujian = department("zhifa", world.county), department("zhujian", world.county)

    whistled = post(
        api_as("street_secretary"),
        f"/api/v1/cases/{lane.pk}/whistle",
        {"lead": zhifa.pk, "assists": [zhujian.pk], "note": "请执法局牵头"},
    )
    assert whistled.status_code == 200, whistled.content
    assert whistled.json()["whistled"] is True
    responded = post(api_as("dept_staff"), f"/api/v1/cases/{lane.pk}/respond", {"note": "住建局派员配合"})
    assert responded.status_code == 200
    assert_error(
        post(api_as("dept_staff"), f"/api/v1/cases/{lane.pk}/respond", {"note": "再报到"}), 403, "forbidden"
    )


def test_supervising_extending_merging_and_commenting(api_as, cast, places, clock):
    first = services.case_report(
        cast.resident, category=category("cleaning"), area=places.estate, description="垃圾满了"
    )
    second = services.case_report(
        cast.grid_worker,
        category=category("cleaning"),
        area=places.estate,
        description="垃圾堆积",
        channel="patrol",
    )
    street, secretary, company = (
        api_as("street_secretary"),
        api_as("community_secretary"),
        api_as("property_staff"),
    )

    assert (
        post(street, f"/api/v1/cases/{first.pk}/supervise", {"note": "今天内处理"}).json()["supervise_count"]
        == 1
    )
    assert post(company, f"/api/v1/cases/{first.pk}/take").status_code == 200
    asked = post(company, f"/api/v1/cases/{first.pk}/extend-request", {"days": "2", "reason": "等清运车"})
    assert asked.json()["extension_pending"] is True
    decided = post(secretary, f"/api/v1/cases/{first.pk}/extend-decide", {"approve": True})
    assert decided.json()["extension_pending"] is False
    merged = post(secretary, f"/api/v1/cases/{second.pk}/merge", {"into": first.pk})
    assert merged.json()["state"] == State.MERGED and merged.json()["merged_into_id"] == first.pk
    noted = post(secretary, f"/api/v1/cases/{first.pk}/comment", {"note": "已电话回访", "is_public": True})
    assert noted.json()["events"][-1]["note"] == "已电话回访"


def test_rejecting_and_reopening(api_as, cast, places, clock):
    case = _patrol_report(cast, places, "咨询")
    secretary = api_as("community_secretary")

    rejected = post(secretary, f"/api/v1/cases/{case.pk}/reject", {"reason": "不属于本平台受理范围"})
    assert rejected.json()["state"] == State.REJECTED
    assert_error(
        post(secretary, f"/api/v1/cases/{case.pk}/reopen", {"reason": "再看看"}), 409, "invalid_state"
    )


STEPS = {
    "accept": {},
    "reject": {"reason": "x"},
    "dispatch": {"auto": True},
    "take": {},
    "return": {"reason": "x"},
    "return-dispute": {"note": "x"},
    "return-decide": {"upheld": True},
    "escalate": {"note": "x"},
    "whistle": {"lead": 1, "note": "x"},
    "respond": {"note": "x"},
    "mediate": {"note": "x"},
    "handle": {"note": "x"},
    "verify": {"passed": True},
    "rate": {"rating": "satisfied"},
    "reopen": {"reason": "x"},
    "merge": {"into": 1},
    "supervise": {"note": "x"},
    "extend-request": {"days": "1", "reason": "x"},
    "extend-decide": {"approve": True},
    "comment": {"note": "x"},
    "claim": {},
    "claim-withdraw": {},
}


@pytest.mark.parametrize("step", sorted(STEPS))
@pytest.mark.parametrize("role", ["sysadmin", "volunteer", "dept_staff"])
def test_no_step_reaches_a_case_outside_the_callers_scope(api_as, light, step, role):
    response = post(api_as(role), f"/api/v1/cases/{light.pk}/{step}", STEPS[step])

    assert_error(response, 404, "not_found")
    assert light.events.count() == 2


@pytest.mark.parametrize("step", ["accept", "dispatch", "reject", "supervise", "extend-decide", "verify"])
def test_the_reporter_sees_his_case_but_takes_no_staff_step(api_as, light, step):
    response = post(api_as("resident"), f"/api/v1/cases/{light.pk}/{step}", STEPS[step])

    assert response.status_code in (403, 409), response.content
    assert light.events.count() == 2
