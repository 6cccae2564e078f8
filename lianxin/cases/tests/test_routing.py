"""Where cases go: captains first for building matters, the estate's company or its duty grid worker,
devolved matters to the street office, the rural chain village → cluster → township."""

import pytest

from lianxin.areas.models import Area
from lianxin.cases import routing, services
from lianxin.cases.models import Category, HandlerType, HandlingLevel
from lianxin.cases.transitions import allowed_steps
from lianxin.core.errors_domain import DomainError
from lianxin.people.models import Department, EstateService, Person, Post
from lianxin.people.roles import Role
from tests.cases_world import category


def test_parking_goes_first_to_the_building_captain(cast, places, clock):
    case = services.case_report(
        cast.resident, category=category("parking"), area=places.building, description="车位被占"
    )
    assert case.handler_person == cast.building_captain.person
    assert case.handling_level == HandlingLevel.BUILDING


def test_cleaning_goes_to_the_estates_property_company(cast, places, clock):
    case = services.case_report(
        cast.resident, category=category("cleaning"), area=places.estate, description="楼道脏"
    )
    assert case.handler_organisation == cast.property_staff.person.posts.get().organisation


def test_without_a_property_company_cleaning_falls_back_to_the_community(cast, places, clock):
    EstateService.objects.filter(estate=places.estate).delete()
    case = services.case_report(
        cast.resident, category=category("cleaning"), area=places.estate, description="楼道脏"
    )
    assert case.handler_type == HandlerType.AREA and case.handler_area == places.community


def test_a_hazard_goes_to_the_grid_worker_with_that_duty_before_an_all_round_one(cast, places, clock):
    checker = Person.objects.create(name="隐患排查员")
    Post.objects.create(
        person=checker,
        role=Role.GRID_WORKER,
        area=places.estate,
        area_path=places.estate.path,
        duty_roles="hazard_checker",
    )
    routing.cache_clear()
    hazard = services.case_report(
        cast.resident, category=category("gas_safety"), area=places.estate, description="燃气味"
    )
    dispute = services.case_report(
        cast.resident, category=category("neighbour_dispute"), area=places.estate, description="装修噪音"
    )
    assert hazard.handler_person == checker
    assert dispute.handler_person == cast.grid_worker.person  # the all-round grid worker takes the rest


def test_a_devolved_matter_goes_to_the_street_office_and_no_higher(cast, places, clock):
    office = Department.objects.get(area=places.street, code="zhifa_office")
    case = services.case_report(
        cast.resident, category=category("city_appearance"), area=places.community, description="占道经营"
    )
    assert case.handler_department == office
    assert case.handling_level == HandlingLevel.STREET
    # Not offered, on the page or in the API, and refused when tried anyway.
    assert "escalate" not in allowed_steps(cast.street_secretary, case)
    with pytest.raises(DomainError) as refused:
        services.case_escalate(cast.street_secretary, case=case, note="请县执法局处理")
    assert "街道" in refused.value.message or refused.value.code == "invalid_state"


def test_the_enforcement_office_summons_its_member_departments(cast, places, clock, world):
    office = Department.objects.get(area=places.street, code="zhifa_office")
    case = services.case_report(
        cast.resident, category=category("fire_lane"), area=places.estate, description="消防通道堵塞"
    )
    services.case_whistle(cast.street_secretary, case=case, lead=office, note="综合执法办牵头")
    summoned = set(case.assignments.filter(is_current=True).values_list("department_id", flat=True))
    assert summoned == {office.pk, *office.member_departments.values_list("pk", flat=True)}
    assert len(summoned) >= 7  # 1 + 6 + N


def test_a_village_case_climbs_through_the_cluster_to_the_township(cast, places, clock, world):
    village = places.village
    case = services.case_report(
        cast.liaison,
        category=category("road_damage"),
        area=village,
        description="村道塌陷",
        channel="liaison",
        on_behalf_of=village_resident(cast, village),
    )
    assert case.handler_area == village
    secretary = _village_secretary(village)
    services.case_accept(secretary, case=case)
    services.case_escalate(secretary, case=case, note="需要片区统筹")
    case.refresh_from_db()
    assert case.handling_level == HandlingLevel.CLUSTER and case.handler_area == world.cluster
    services.case_escalate(cast.county_admin, case=case, note="需要镇里协调")
    case.refresh_from_db()
    assert case.handling_level == HandlingLevel.STREET
    assert case.handler_area == Area.objects.get_parent(world.cluster)


def village_resident(cast, village):
    from lianxin.party.models import LiaisonLink

    return LiaisonLink.objects.filter(liaison=cast.liaison.person).first().household.residents.first()


def _village_secretary(village):
    from lianxin.people.models import User

    person = Person.objects.create(name="村支书")
    Post.objects.create(person=person, role=Role.SECRETARY, area=village, area_path=village.path)
    return User.objects.create(username=f"secretary_{village.pk}", person=person)


def test_an_enterprise_request_on_the_red_chain_line_goes_to_the_street(cast, places, clock):
    case = services.case_report(
        cast.community_secretary,
        category=category("policy_fulfilment"),
        area=places.community,
        description="企业稳岗补贴未兑现",
        channel="enterprise_line",
        reporter_group="enterprise",
    )
    assert case.channel == "enterprise_line" and case.reporter_group == "enterprise"
    assert case.handling_level == HandlingLevel.STREET
    assert case.first_receiver == cast.community_secretary.person


def test_an_environment_case_in_a_building_goes_first_to_its_captain(cast, places, clock):
    """物业、环境、停车 alike (P004-14): 环境卫生 reported in a building goes to its captain, not the grid."""
    case = services.case_report(
        cast.resident, category=category("environment"), area=places.building, description="楼道堆放杂物"
    )
    assert case.handler_person == cast.building_captain.person
    assert case.handling_level == HandlingLevel.BUILDING


def test_the_migration_moves_environment_to_the_captain_unless_an_administrator_changed_it(db):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("lianxin.cases.migrations.0013_environment_to_captain")
    environment = category("environment")
    Category.objects.filter(pk=environment.pk).update(first_level=30, to_captain=False)
    migration.to_captain(apps, None)
    environment.refresh_from_db()
    assert (environment.first_level, environment.to_captain) == (20, True)

    Category.objects.filter(pk=environment.pk).update(first_level=40, to_captain=False)  # set by hand
    migration.to_captain(apps, None)
    environment.refresh_from_db()
    assert (environment.first_level, environment.to_captain) == (40, False)


def test_the_summoned_departments_are_listed_on_the_page_and_in_the_api(cast, places, clock, client_as):
    """P001-20: the street summons its enforcement office with every member department; the case page and
    GET /api/v1/cases/{id} list the same departments, each with whether it has reported."""
    office = Department.objects.get(area=places.street, code="zhifa_office")
    case = services.case_report(
        cast.resident, category=category("fire_lane"), area=places.estate, description="消防通道堵塞"
    )
    services.case_whistle(cast.street_secretary, case=case, lead=office, note="综合执法办牵头")
    client = client_as("street_secretary")

    listed = client.get(f"/api/v1/cases/{case.pk}").json()["summoned"]
    page = client.get(f"/cases/{case.pk}/").content.decode()

    names = {office.name, *office.member_departments.values_list("name", flat=True)}
    assert {s["department"] for s in listed} == names
    assert [s["role"] for s in listed if s["department"] == office.name] == ["lead"]
    assert all(s["responded_at"] is None for s in listed)
    assert all(name in page for name in names)
