"""The staff's steps from the case page: accept and dispatch, whistle for departments (and their reports),
merge a duplicate with a confirm, supervise, dispute a return and decide it (退单审定), verify with photos."""

import pytest

from lianxin.cases import services
from lianxin.cases.models import Action, HandlerType, State
from lianxin.cases.tests.pages import (
    handled_stair_light,
    hotline_case,
    housing_case,
    photo_file,
    post_step,
    stair_light,
    text,
)
from tests.cases_world import category, department

pytestmark = pytest.mark.django_db


def test_the_community_accepts_and_dispatches_to_a_county_department(client_as, cast, places, world, clock):
    case = hotline_case(cast, places)
    client = client_as("community_secretary")
    zhujian = department("zhujian", world.county)

    post_step(client, case, "accept", note="已受理")
    assert f"department:{zhujian.pk}" in text(client.get(f"/cases/{case.pk}/"))
    post_step(client, case, "dispatch", target=f"department:{zhujian.pk}", note="请尽快修复")

    case.refresh_from_db()
    assert case.state == State.DISPATCHED and case.handler_department == zhujian


def test_a_dispatch_target_not_offered_is_400(client_as, cast, places, clock):
    case = hotline_case(cast, places)
    response = post_step(client_as("community_secretary"), case, "dispatch", target="department:999999")

    assert response.status_code == 400
    case.refresh_from_db()
    assert case.state == State.REPORTED


def test_the_street_whistles_and_each_department_reports(client_as, cast, places, world, clock):
    case = hotline_case(cast, places, "fire_lane")
    zhifa, zhujian = department("zhifa", world.county), department("zhujian", world.county)
    post_step(
        client_as("street_secretary"),
        case,
        "whistle",
        lead=f"department:{zhifa.pk}",
        assists=[f"department:{zhujian.pk}"],
        note="请执法局牵头清理消防通道",
    )
    case.refresh_from_db()
    assert case.whistled and case.handler_department == zhifa

    client = client_as("dept_staff")  # 住建, summoned to assist
    page = text(client.get(f"/cases/{case.pk}/"))
    assert 'data-testid="step-respond"' in page and 'data-testid="whistle-parties"' in page
    post_step(client, case, "respond", note="住建局派员到场")
    assert case.assignments.get(department=zhujian, is_current=True).responded_at is not None


def test_the_whistle_is_refused_to_the_community(client_as, cast, places, world, clock):
    case = hotline_case(cast, places, "fire_lane")
    zhifa = department("zhifa", world.county)
    response = post_step(
        client_as("community_secretary"), case, "whistle", lead=f"department:{zhifa.pk}", note="x"
    )

    assert response.status_code == 403
    assert "街道" in text(response)


def test_a_duplicate_is_merged_after_a_confirm(client_as, cast, places, clock):
    first = services.case_report(
        cast.resident, category=category("cleaning"), area=places.estate, description="垃圾没清"
    )
    second = services.case_report(
        cast.grid_worker, category=category("cleaning"), area=places.estate, description="垃圾堆积"
    )
    client = client_as("community_secretary")
    assert first.number in text(client.get(f"/cases/{second.pk}/"))  # offered as a duplicate

    refused = post_step(client, second, "merge", into=first.pk)
    assert refused.status_code == 400 and "请确认两件诉求是同一问题。" in text(refused)
    post_step(client, second, "merge", into=first.pk, confirm="on")
    second.refresh_from_db()
    assert second.state == State.MERGED and second.merged_into == first
    assert second.number in text(client.get(f"/cases/{first.pk}/"))  # "merged into this case"


def test_a_merge_by_a_number_outside_the_scope_is_refused(client_as, cast, places, clock):
    mine = hotline_case(cast, places)
    elsewhere = services.case_report(
        cast.county_admin,
        category=category("road_damage"),
        area=places.other_community_estate,
        description="另一街道路面破损",
        channel="hotline",
    )
    response = post_step(
        client_as("community_secretary"), mine, "merge", number=elsewhere.number, confirm="on"
    )

    assert response.status_code == 400
    assert "在您可查看的诉求中没有这个编号。" in text(response)
    mine.refresh_from_db()
    assert mine.state == State.REPORTED


def test_the_street_supervises_a_case_its_handler_cannot(client_as, cast, places, clock):
    case = stair_light(cast, places)

    assert post_step(client_as("building_captain"), case, "supervise", note="自己督办").status_code == 403
    post_step(client_as("street_secretary"), case, "supervise", note="请本周内完成")
    case.refresh_from_db()
    assert case.supervise_count == 1
    assert case.number in text(client_as("street_secretary").get("/cases/?supervised=on"))
    assert "请本周内完成" in text(client_as("building_captain").get(f"/cases/{case.pk}/"))


def test_a_disputed_return_is_decided_by_the_level_above(client_as, cast, places, world, clock):
    case = housing_case(cast, places, world)
    services.case_return(cast.dept_staff, case=case, reason="不属于住建职责")
    post_step(client_as("community_secretary"), case, "return_dispute", note="道路维修属于住建职责")
    case.refresh_from_db()
    assert case.return_disputed

    assert "return_decide" not in text(client_as("community_secretary").get(f"/cases/{case.pk}/"))
    post_step(client_as("street_secretary"), case, "return_decide", decision="no", note="退单不成立")
    case.refresh_from_db()
    assert case.handler_type == HandlerType.DEPARTMENT and case.return_locked


def test_verification_passes_with_a_photo_or_fails_back_to_the_handler(client_as, cast, places, clock):
    case = handled_stair_light(cast, places)
    client = client_as("community_secretary")
    refused = post_step(client, case, "verify", passed="no", note="")
    assert refused.status_code == 400

    post_step(client, case, "verify", passed="no", note="灯仍不亮")
    case.refresh_from_db()
    assert case.state == State.IN_PROGRESS and case.reopen_count == 1

    services.case_handle(cast.building_captain, case=case, note="更换了开关")
    post_step(client, case, "verify", passed="yes", note="现场已亮", photo_files=[photo_file()])
    case.refresh_from_db()
    assert case.state == State.VERIFIED
    assert case.events.get(action=Action.VERIFY).photos.count() == 1


def test_the_captain_cannot_verify_his_own_work(client_as, cast, places, clock):
    case = handled_stair_light(cast, places)
    response = post_step(client_as("building_captain"), case, "verify", passed="yes")

    assert response.status_code == 403
    assert "该诉求由社区核查" in text(response)


def test_an_enforcement_offices_members_are_summoned_with_it(client_as, cast, places, world, clock):
    from lianxin.people.models import Department, DepartmentKind

    office = Department.objects.filter(area=places.street, kind=DepartmentKind.ENFORCEMENT_OFFICE).first()
    if office is None:
        pytest.skip("the small world has no enforcement office in this street")
    case = hotline_case(cast, places, "fire_lane")
    post_step(client_as("street_secretary"), case, "whistle", lead=f"department:{office.pk}", note="联合执法")

    summoned = set(case.assignments.filter(is_current=True).values_list("department_id", flat=True))
    assert {office.pk, *office.member_departments.values_list("pk", flat=True)} <= summoned
