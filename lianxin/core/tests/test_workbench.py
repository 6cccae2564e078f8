"""The workbench shows each person what waits on him, what he raised, and who serves his household."""

import pytest

from lianxin.cases.services import case_report
from lianxin.party.models import LiaisonLink, MemberHousehold
from tests.cases_world import category

pytestmark = pytest.mark.django_db


def test_the_resident_sees_the_member_household_that_serves_his_home(client_as, cast):
    home = cast.resident.person.household
    served_by = MemberHousehold.objects.filter(served=home).select_related("member", "household").get()

    html = client_as("resident").get("/").content.decode()

    assert "为我家服务的" in html
    assert served_by.member.name in html
    assert served_by.household.address in html


def test_a_household_no_member_household_serves_shows_no_such_panel(client_as, cast):
    MemberHousehold.objects.filter(served=cast.resident.person.household).delete()

    html = client_as("resident").get("/").content.decode()

    assert 'data-testid="my-member-household"' not in html


def test_the_liaison_of_a_village_household_is_shown_to_its_resident(client_as, cast):
    link = LiaisonLink.objects.select_related("liaison", "household").order_by("id").first()
    resident = cast.resident.person
    resident.household = link.household
    resident.save()

    html = client_as("resident").get("/").content.decode()

    assert 'data-testid="my-liaison"' in html
    assert link.liaison.name in html


def test_a_report_appears_under_my_cases_with_its_state(client_as, cast, places, clock):
    case = case_report(
        cast.resident, category=category("stair_light"), area=places.building, description="三号楼楼道灯不亮"
    )

    html = client_as("resident").get("/").content.decode()

    assert case.number in html
    assert "1 件未办结" in html


def test_the_captain_sees_the_case_dispatched_to_him_on_his_workbench(client_as, cast, places, clock):
    case = case_report(
        cast.resident, category=category("stair_light"), area=places.building, description="三号楼楼道灯不亮"
    )
    assert case.handler_person_id == cast.building_captain.person_id

    html = client_as("building_captain").get("/").content.decode()
    todo = html.split('data-testid="workbench-todo"')[1].split("</section>")[0]

    assert case.number in todo
    assert "暂无待办事项" not in todo
    # It waits on the captain, not on the grid worker of the estate.
    other = client_as("grid_worker").get("/").content.decode().split('data-testid="workbench-todo"')[1]
    assert case.number not in other.split("</section>")[0]


def test_a_post_that_receives_no_cases_has_no_to_do_list_but_its_own_reports(client_as):
    html = client_as("auditor").get("/").content.decode()

    assert 'data-testid="workbench-todo"' not in html
    assert 'data-testid="workbench-reports"' in html
