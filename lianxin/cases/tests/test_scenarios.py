"""The five scenarios of the case-loop issue, end to end through the services, in Chinese data."""

from datetime import timedelta

import pytest

from lianxin.cases import services
from lianxin.cases.engine import case_differences
from lianxin.cases.models import Action, Case, HandlerType, HandlingLevel, Rating, State
from lianxin.cases.selectors import case_duplicates, case_list
from lianxin.core.errors_domain import DomainError
from lianxin.notifications.models import Notification, Outbox
from lianxin.notifications.services import outbox_deliver
from tests.cases_world import category, department


def deliver_all():
    for pk in Outbox.objects.filter(processed_at__isnull=True).values_list("pk", flat=True):
        outbox_deliver(outbox_id=pk)


def test_a_stair_light_is_fixed_in_the_building_and_counts_as_resolved_there(cast, places, clock):
    case = services.case_report(
        cast.resident,
        category=category("stair_light"),
        area=places.building,
        description="3号楼2单元楼道灯坏了，晚上看不见台阶",
        idempotency_key="report-1",
    )
    assert case.state == State.DISPATCHED
    assert case.handler_person == cast.building_captain.person
    assert case.handling_level == HandlingLevel.BUILDING

    clock.advance(minutes=20)
    services.case_take(cast.building_captain, case=case)
    clock.advance(hours=2)
    services.case_handle(cast.building_captain, case=case, note="已更换声控灯泡")
    services.case_verify(cast.community_secretary, case=case, passed=True, note="现场核实灯已亮")
    services.case_rate(cast.resident, case=case, rating=Rating.SATISFIED, note="很快就修好了")

    case.refresh_from_db()
    assert case.state == State.CLOSED
    assert case.highest_level == HandlingLevel.BUILDING  # 小事不出楼栋
    assert case.one_pass
    assert case.responded_at <= case.response_due
    assert case.handled_at <= case.handle_due
    assert [e.action for e in case.events.order_by("seq")] == [
        Action.REPORT,
        Action.DISPATCH,
        Action.TAKE,
        Action.HANDLE,
        Action.VERIFY,
        Action.RATE,
        Action.CLOSE,
    ]
    assert case_differences(case) == {}


def test_a_leak_escalated_to_the_property_company_is_late_reopened_and_closed_on_the_second_pass(
    cast, places, clock
):
    case = services.case_report(
        cast.resident,
        category=category("water_leak"),
        area=places.building,
        description="楼上管道漏水，墙面渗水",
    )
    assert case.handler_person == cast.building_captain.person
    services.case_take(cast.building_captain, case=case)
    services.case_escalate(cast.building_captain, case=case, note="需要物业维修，楼长无法处理")
    case.refresh_from_db()
    assert case.handler_type == HandlerType.ORGANISATION
    assert case.handler_organisation == cast.property_staff.person.posts.get().organisation
    assert case.handling_level == HandlingLevel.ESTATE

    services.case_take(cast.property_staff, case=case)
    clock.set(case.handle_due + timedelta(hours=1))
    counts = services.cases_mark_overdue()
    assert counts["handle"] == 1
    assert services.cases_mark_overdue()["handle"] == 0  # flagged once
    deliver_all()
    assert Notification.objects.filter(
        recipient=cast.community_secretary, verb="case_overdue", case=case
    ).exists()
    assert Notification.objects.filter(recipient=cast.property_staff, verb="case_overdue", case=case).exists()

    services.case_handle(cast.property_staff, case=case, note="已更换漏水管段")
    services.case_verify(cast.grid_worker, case=case, passed=True)
    services.case_rate(cast.resident, case=case, rating=Rating.UNSATISFIED, note="墙面还在渗水")
    case.refresh_from_db()
    assert case.state == State.IN_PROGRESS
    assert case.reopen_count == 1

    services.case_handle(cast.property_staff, case=case, note="重新做了防水")
    services.case_verify(cast.grid_worker, case=case, passed=True)
    services.case_rate(cast.resident, case=case, rating=Rating.BASIC)
    case.refresh_from_db()
    assert case.state == State.CLOSED
    assert not case.one_pass
    assert case.highest_level == HandlingLevel.ESTATE
    assert case.handled_late  # the first pass ended after its deadline; the reopened pass had a new one
    assert case.events.filter(action=Action.OVERDUE, data__which="handle").count() == 1
    assert case_differences(case) == {}


def test_a_couriers_snapshot_of_a_blocked_fire_lane_is_whistled_to_two_departments(
    cast, places, clock, world
):
    case = services.case_report(
        cast.courier,
        category=category("fire_lane"),
        area=places.estate,
        description="小区东门消防通道被私家车堵死",
        lat="35.233500",
        lng="115.441200",
    )
    assert case.channel == "snapshot"
    assert case.reporter_group == "courier"
    assert case.handler_person == cast.grid_worker.person

    services.case_take(cast.grid_worker, case=case)
    services.case_escalate(cast.grid_worker, case=case, note="车主联系不上，需要执法")
    case.refresh_from_db()
    assert case.handler_type == HandlerType.AREA
    assert case.handler_area == places.community

    zhifa, zhujian = department("zhifa", world.county), department("zhujian", world.county)
    services.case_whistle(
        cast.street_secretary, case=case, lead=zhifa, assists=[zhujian], note="请执法局牵头清理"
    )
    case.refresh_from_db()
    assert case.whistled and case.handler_department == zhifa
    assert case.handling_level == HandlingLevel.STREET

    # 住建 (the demo dept_staff) reports first; the lead cannot handle before every department has reported.
    services.case_respond(cast.dept_staff, case=case, note="住建局派员到场配合")
    zhifa_staff = staff_of(zhifa)
    with pytest.raises(DomainError):
        services.case_handle(zhifa_staff, case=case, note="已清理")
    services.case_respond(zhifa_staff, case=case, note="执法队员20分钟内到场")
    services.case_handle(zhifa_staff, case=case, note="已拖移车辆，通道畅通")
    services.case_verify(cast.community_secretary, case=case, passed=True)
    services.case_rate(cast.courier, case=case, rating=Rating.SATISFIED)
    case.refresh_from_db()
    assert case.state == State.CLOSED
    assert case.highest_level == HandlingLevel.STREET
    assert {a.responded_at is not None for a in case.assignments.filter(role__in=["lead", "assist"])} == {
        True
    }
    assert case_differences(case) == {}


def staff_of(department_):
    from lianxin.people.models import Person, Post, User
    from lianxin.people.roles import Role

    person = Person.objects.create(name="执法队员")
    Post.objects.create(
        person=person, role=Role.DEPARTMENT_STAFF, department=department_, area_path=department_.area_path
    )
    return User.objects.create(username=f"staff_{department_.code}", person=person)


def test_one_idempotency_key_makes_one_case_and_a_second_residents_report_is_merged(cast, places, clock):
    first = services.case_report(
        cast.resident,
        category=category("cleaning"),
        area=places.estate,
        description="垃圾桶满了没人清",
        idempotency_key="k-42",
    )
    again = services.case_report(
        cast.resident,
        category=category("cleaning"),
        area=places.estate,
        description="垃圾桶满了没人清",
        idempotency_key="k-42",
    )
    assert again.pk == first.pk
    assert Case.objects.filter(reporter=cast.resident.person).count() == 1
    assert first.events.filter(action=Action.REPORT).count() == 1

    neighbour = _resident_of(places.estate, exclude=cast.resident.person)
    second = services.case_report(
        neighbour, category=category("cleaning"), area=places.estate, description="小区垃圾堆积"
    )
    assert first in case_duplicates(user=cast.community_secretary, case=second)
    services.case_merge(cast.community_secretary, case=second, into=first)
    second.refresh_from_db()
    assert second.state == State.MERGED and second.merged_into == first
    assert first.events.filter(action=Action.MERGED_IN).exists()
    assert case_differences(second) == {}


def _resident_of(area, exclude):
    from lianxin.core.scope import under
    from lianxin.people.models import Person, User

    person = (
        Person.objects.filter(under("area_path", area.path), household__isnull=False)
        .exclude(pk=exclude.pk)
        .first()
    )
    user, _ = User.objects.get_or_create(username=f"resident_{person.pk}", defaults={"person": person})
    return user


def test_a_department_sees_only_its_cases_and_a_grid_worker_only_his_grid(cast, places, clock, world):
    from lianxin.people.models import Person, Post, User
    from lianxin.people.roles import Role

    housing = services.case_report(
        cast.community_secretary,
        category=category("road_damage"),
        area=places.community,
        description="社区主干道路面塌陷",
        channel="patrol",
    )
    services.case_accept(cast.community_secretary, case=housing)
    services.case_dispatch(
        cast.community_secretary, case=housing, department=department("zhujian", world.county)
    )
    minzheng = department("minzheng", world.county)
    person = Person.objects.create(name="民政干部")
    Post.objects.create(
        person=person, role=Role.DEPARTMENT_STAFF, department=minzheng, area_path=minzheng.area_path
    )
    civil = User.objects.create(username="minzheng_staff", person=person)

    assert case_list(user=cast.dept_staff).filter(pk=housing.pk).exists()
    assert not case_list(user=civil).filter(pk=housing.pk).exists()
    with pytest.raises(DomainError) as refused:
        services.case_take(civil, case=housing)
    assert refused.value.code == "not_found"

    elsewhere = services.case_report(
        _resident_of(places.other_estate, exclude=cast.resident.person),
        category=category("cleaning"),
        area=places.other_estate,
        description="楼下草坪没人修剪",
    )
    assert not case_list(user=cast.grid_worker).filter(pk=elsewhere.pk).exists()
    assert case_list(user=cast.community_secretary).filter(pk=elsewhere.pk).exists()
    with pytest.raises(DomainError):
        services.case_take(cast.grid_worker, case=elsewhere)
