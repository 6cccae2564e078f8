"""Leading groups: a group leader (no staff post) issues key tasks through the cases' issuer joint and
accepts them; seats (双组长, 副组长, 成员) and working groups with progress by group; progress rounds with
the units that have not reported."""

import pytest

from lianxin.cases.intake import category_allowed
from lianxin.cases.models import Category, State
from lianxin.cases.services import case_handle, case_take, case_verify
from lianxin.core.errors_domain import DomainError
from lianxin.people.models import Department, DepartmentKind, Person
from lianxin.supervision.categories import task_categories_ensure
from lianxin.supervision.permissions import DEPUTY_GROUP_LEADER, GROUP_LEADER, GROUP_MEMBER
from lianxin.supervision.selectors import key_tasks as sel
from lianxin.supervision.services.groups import group_seat_add, workinggroup_create
from lianxin.supervision.services.key_tasks import (
    keytask_create,
    progress_rounds_due,
    progressreport_submit,
    progressround_open,
    tasklist_create,
)
from tests.cases_world import department

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _categories():
    task_categories_ensure()


@pytest.fixture
def group(world):
    found = Department.objects.filter(area=world.county, kind=DepartmentKind.LEADING_GROUP).first()
    if found is None:
        found = Department.objects.create(
            name="巨川县城市基层党建工作领导小组",
            code="leading_group",
            kind=DepartmentKind.LEADING_GROUP,
            area=world.county,
            area_path=world.county.path,
        )
    return found


@pytest.fixture
def leader(cast, group):
    from lianxin.core.context import user_context_clear
    from lianxin.people.models import Post

    user = cast.county_leader
    if not Post.objects.filter(person=user.person, department=group, role=GROUP_LEADER).exists():
        Post.objects.create(
            person=user.person, role=GROUP_LEADER, department=group, area_path=group.area_path
        )
    user_context_clear(user)
    return user


def test_a_group_leader_issues_and_accepts_a_key_task(cast, world, clock, group, leader):
    category = Category.objects.get(code="task_party_key")
    assert category_allowed(leader, category, area=world.streets[0]) == ""
    assert category_allowed(cast.grid_worker, category, area=world.streets[0]) != ""  # still refused
    task_list = tasklist_create(leader, area=world.county, title="领导小组重点任务", group=group, year=2026)
    key_task = keytask_create(
        leader, task_list=task_list, title="党群服务中心提档升级", lead_area=world.streets[0], working_days=10
    )
    case = key_task.case
    assert case.issuer_path == world.county.path
    case_take(cast.street_secretary, case=case)
    case_handle(cast.street_secretary, case=case, note="已完成")
    case_verify(leader, case=case, passed=True, note="验收通过")
    case.refresh_from_db()
    assert case.state == State.CLOSED
    # His tasks: issued by him.
    mine = sel.keytasks_for(user=leader, filters=sel.TaskFilters(mine=True))
    assert list(mine) == [key_task]


def test_a_group_member_does_not_issue(cast, world, clock, group):
    from lianxin.core.context import user_context_clear

    group_seat_add(cast.county_admin, group=group, person=cast.resident.person, role=GROUP_MEMBER)
    user_context_clear(cast.resident)
    with pytest.raises(DomainError) as refused:
        tasklist_create(cast.resident, area=world.county, title="越权清单", year=2026)
    assert refused.value.code == "forbidden"


def test_seats_and_working_groups_with_progress_by_group(cast, world, clock, group, leader, client_as):
    second = Person.objects.create(name="赵立新")
    group_seat_add(cast.county_admin, group=group, person=second, role=GROUP_LEADER)
    group_seat_add(cast.county_admin, group=group, person=cast.county_admin.person, role=DEPUTY_GROUP_LEADER)
    group_seat_add(cast.county_admin, group=group, person=cast.dept_staff.person, role=GROUP_MEMBER)
    with pytest.raises(DomainError):
        group_seat_add(cast.county_admin, group=group, person=second, role="secretary")
    seats = sel.group_seats(group)
    assert [s.role for s in seats].count(GROUP_LEADER) == 2  # 双组长
    member = next(s for s in seats if s.person_id == cast.dept_staff.person_id)
    assert "住建局" in member.home_units  # drawn from a county department
    grid = workinggroup_create(cast.county_admin, leading_group=group, name="网格治理专项工作组")
    red = workinggroup_create(cast.county_admin, leading_group=group, name="红色物业专项工作组")
    task_list = tasklist_create(cast.county_admin, area=world.county, title="清单", group=group, year=2026)
    for n in range(3):
        keytask_create(
            cast.county_admin,
            task_list=task_list,
            title=f"网格{n}",
            lead_area=world.streets[n % 2],
            working_group=grid.department,
            working_days=5,
        )
    keytask_create(
        cast.county_admin,
        task_list=task_list,
        title="红色物业",
        lead_department=department("zhujian", world.county),
        working_group=red.department,
        working_days=5,
    )
    progress = {wg.department.name: c.total for wg, c in sel.progress_by_group(user=leader, group=group)}
    assert progress == {"网格治理专项工作组": 3, "红色物业专项工作组": 1}
    client = client_as("county_leader")
    api = client.get("/api/v1/leading-groups/").json()
    assert api["count"] == 1
    assert [w["completion"]["total"] for w in api["items"][0]["working_groups"]] == [3, 1]
    page = client.get("/supervision/groups/")
    assert page.status_code == 200 and len(page.context["rows"]) == 1


def test_a_progress_round_lists_the_units_not_reported(cast, world, clock, client_as):
    task_list = tasklist_create(
        cast.county_admin,
        area=world.county,
        title="调度清单",
        year=2026,
        progress_rrule="FREQ=WEEKLY;BYDAY=MO",
    )
    assert task_list.progress_next_on is not None
    a = keytask_create(
        cast.county_admin, task_list=task_list, title="甲", lead_area=world.streets[0], working_days=5
    )
    keytask_create(
        cast.county_admin,
        task_list=task_list,
        title="乙",
        lead_department=department("zhujian", world.county),
        working_days=5,
    )
    progress_round = progressround_open(cast.county_admin, task_list=task_list)
    report = progress_round.reports.get(key_task=a)
    with pytest.raises(DomainError):
        progressreport_submit(cast.street_secretary, report=report, progress="", percent=50)
    progressreport_submit(cast.street_secretary, report=report, progress="已完成选址", percent=50)
    assert sel.non_reporters(progress_round) == [("巨川县住建局", 1)]
    client = client_as("dept_staff")
    page = client.get(f"/supervision/progress-rounds/{progress_round.pk}/")
    assert page.status_code == 200 and page.context["missing"] == [("巨川县住建局", 1)]
    answer = client.post(
        f"/api/v1/progress-rounds/{progress_round.pk}/reports",
        {"key_task_id": a.pk, "progress": "越权报送"},
        content_type="application/json",
    )
    assert answer.status_code == 403  # not his department's task
    # The schedule's day comes: the job opens the next round.
    clock.advance(days=7)
    assert progress_rounds_due() == 1
    assert task_list.rounds.count() == 2
