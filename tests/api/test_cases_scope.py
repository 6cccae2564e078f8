"""What each role sees of cases through /api/v1/cases/: exactly what the pages' ``restrict`` gives it."""

import pytest

from lianxin.cases import services
from lianxin.cases.models import Case
from lianxin.cases.selectors import case_list
from tests.api.helpers import assert_error, walk
from tests.cases_world import category, department

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(cast, places, clock, world):
    """A stair light in the resident's building, litter in another estate of the same community, a road in
    the community sent to 住建, and litter in another street."""
    light = services.case_report(
        cast.resident, category=category("stair_light"), area=places.building, description="楼道灯坏了"
    )
    litter = services.case_report(
        cast.community_secretary,
        category=category("cleaning"),
        area=places.other_estate,
        description="草坪垃圾",
        channel="patrol",
    )
    road = services.case_report(
        cast.community_secretary,
        category=category("road_damage"),
        area=places.community,
        description="路面塌陷",
        channel="patrol",
    )
    services.case_accept(cast.community_secretary, case=road)
    services.case_dispatch(
        cast.community_secretary, case=road, department=department("zhujian", world.county)
    )
    far = services.case_report(
        cast.county_admin,
        category=category("cleaning"),
        area=places.other_community_estate,
        description="别的街道的垃圾",
        channel="patrol",
    )
    return {"light": light, "litter": litter, "road": road, "far": far}


def _ids(client) -> set[int]:
    return {item["id"] for item in walk(client, "/api/v1/cases/")}


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("county_admin", {"light", "litter", "road", "far"}),
        ("street_secretary", {"light", "litter", "road"}),
        ("community_secretary", {"light", "litter", "road"}),
        ("grid_worker", {"light"}),
        ("building_captain", {"light"}),
        ("dept_staff", {"road"}),
        ("resident", {"light"}),
        ("sysadmin", set()),
        ("auditor", set()),
        ("volunteer", set()),
    ],
)
def test_each_role_lists_exactly_the_cases_its_posts_reach(api_as, cast, cases, role, expected):
    listed = _ids(api_as(role))

    assert listed == {cases[name].pk for name in expected}
    assert listed == set(case_list(user=cast[role]).values_list("pk", flat=True))


@pytest.mark.parametrize("role", ["grid_worker", "dept_staff", "resident", "sysadmin"])
def test_a_case_outside_the_scope_is_a_404_and_no_step_can_reach_it(api_as, cases, role):
    client = api_as(role)
    far = cases["far"]

    assert_error(client.get(f"/api/v1/cases/{far.pk}"), 404, "not_found")
    assert_error(
        client.post(f"/api/v1/cases/{far.pk}/comment", {"note": "看看"}, content_type="application/json"),
        404,
        "not_found",
    )
    assert far.events.count() == 1


def test_the_reporter_reads_only_the_public_steps_of_his_case(api_as, cast, cases):
    light = cases["light"]
    services.case_comment(cast.community_secretary, case=light, note="内部：楼长请假", is_public=False)
    services.case_comment(cast.community_secretary, case=light, note="已安排处理", is_public=True)

    mine = api_as("resident").get(f"/api/v1/cases/{light.pk}").json()
    staff = api_as("community_secretary").get(f"/api/v1/cases/{light.pk}").json()

    assert "已安排处理" in [e["note"] for e in mine["events"]]
    assert "内部：楼长请假" not in [e["note"] for e in mine["events"]]
    assert "内部：楼长请假" in [e["note"] for e in staff["events"]]
    assert [e["seq"] for e in staff["events"]] == sorted(e["seq"] for e in staff["events"])


def test_the_detail_carries_the_trail_and_masks_the_contact_phone(api_as, cast, places, clock):
    case = services.case_report(
        cast.grid_worker,
        category=category("cleaning"),
        area=places.estate,
        description="热线转来：垃圾堆积",
        channel="hotline",
        contact_name="王女士",
        contact_phone="13912345678",
        on_behalf_of=None,
    )

    body = api_as("grid_worker").get(f"/api/v1/cases/{case.pk}").json()

    assert body["number"] == case.number
    assert body["contact_name"] == "王女士"
    assert body["contact_phone_masked"] == "139****5678"
    assert "13912345678" not in str(body)
    assert [e["action"] for e in body["events"]][0] == "report"
    assert body["channel"] == "hotline"


def test_a_place_outside_the_callers_areas_is_named_without_its_id(api_as, cases):
    road = api_as("dept_staff").get(f"/api/v1/cases/{cases['road'].pk}").json()

    assert road["area"] == {"id": None, "name": cases["road"].area.name}
    assert Case.objects.filter(pk=cases["road"].pk).exists()
