"""Scenario 4 (first half), the tasks part: a list of 8 key tasks; 招商引资 for 凤凰街道 refused; 凤凰街道 4,
梧桐街道 3, 巨川县住建局 1; 3 of 凤凰's and 1 of 梧桐's done; the housing bureau's overdue and supervised
automatically; performance 7.5 / 3.3 / 0.0 on the page, in the API and in the Excel export."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from lianxin.areas.models import Area, Level
from lianxin.cases.models import Action, State
from lianxin.cases.services import case_handle, case_take, case_verify, cases_mark_overdue
from lianxin.core.errors_domain import DomainError
from lianxin.people.models import Post
from lianxin.people.roles import Role
from lianxin.supervision.categories import task_categories_ensure
from lianxin.supervision.models import KeyTask, TaskList
from lianxin.supervision.selectors import key_tasks as sel
from lianxin.supervision.services.key_tasks import keytask_create, tasklist_create
from tests.cases_world import department

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _categories():
    task_categories_ensure()


def finish(case, worker, issuer):
    case_take(worker, case=case)
    case_handle(worker, case=case, note="已完成")
    case_verify(issuer, case=case, passed=True, note="验收通过")


@pytest.fixture
def scenario(cast, world, clock):
    admin = cast.county_admin
    fenghuang, wutong = world.streets
    # 梧桐街道's own staff member, to take its pool.
    person = cast.community_secretary.person
    Post.objects.create(
        person=person, role=Role.SECRETARY, area=wutong, area_path=wutong.path, start_date=date(2026, 1, 1)
    )
    from lianxin.core.context import user_context_clear

    user_context_clear(cast.community_secretary)
    wutong_staff = cast.community_secretary
    task_list = tasklist_create(
        admin, area=world.county, title="县委书记抓基层党建重点突破项目", plan="《实施方案》", year=2026
    )
    made = {"凤凰": [], "梧桐": [], "住建": []}
    for n in range(4):
        made["凤凰"].append(
            keytask_create(
                admin, task_list=task_list, title=f"凤凰任务{n + 1}", lead_area=fenghuang, working_days=5
            )
        )
    for n in range(3):
        made["梧桐"].append(
            keytask_create(
                admin,
                task_list=task_list,
                title=f"梧桐任务{n + 1}",
                category="task_governance_key",
                lead_area=wutong,
                working_days=5,
            )
        )
    made["住建"].append(
        keytask_create(
            admin,
            task_list=task_list,
            title="老旧小区改造",
            category="task_service_key",
            lead_department=department("zhujian", world.county),
            working_days=5,
        )
    )
    return task_list, made, wutong_staff


def test_a_street_is_refused_investment_tasks_on_page_and_api(cast, world, clock, client_as):
    task_list = tasklist_create(cast.county_admin, area=world.county, title="清单", year=2026)
    with pytest.raises(DomainError) as refused:
        keytask_create(
            cast.county_admin,
            task_list=task_list,
            title="招商引资",
            category="task_investment_key",
            lead_area=world.streets[0],
            working_days=5,
        )
    assert "街道不承担招商引资、协税护税任务" in str(refused.value.message)
    client = client_as("county_admin")
    answer = client.post(
        "/api/v1/key-tasks/",
        {
            "list_id": task_list.pk,
            "title": "招商引资",
            "category": "task_investment_key",
            "lead_area_id": world.streets[0].pk,
            "working_days": 5,
        },
        content_type="application/json",
    )
    assert answer.status_code == 400
    assert "街道不承担招商引资、协税护税任务" in answer.content.decode()
    page = client.post(
        f"/supervision/key-task-lists/{task_list.pk}/",
        {
            "title": "招商引资",
            "root": "task_investment",
            "lead_area": world.streets[0].pk,
            "working_days": "5",
        },
    )
    assert page.status_code == 400
    assert "街道不承担招商引资、协税护税任务" in page.content.decode()
    assert page.context["form"].data["title"] == "招商引资"  # the input is kept
    assert KeyTask.objects.count() == 0


def test_scenario_4_completion_overdue_and_performance(cast, world, clock, scenario, client_as):
    task_list, made, wutong_staff = scenario
    admin = cast.county_admin
    assert [t.case.state for t in made["凤凰"]] == [State.DISPATCHED] * 4
    # A street's task goes to its secretary (no owner named): 李红梅 takes 凤凰街道's.
    assert made["凤凰"][0].case.handler_person == cast.street_secretary.person
    for key_task in made["凤凰"][:3]:
        finish(key_task.case, cast.street_secretary, admin)
    finish(made["梧桐"][0].case, wutong_staff, admin)
    housing = made["住建"][0].case
    case_take(cast.dept_staff, case=housing)  # 黄海涛 签收
    clock.advance(days=7, minutes=1)  # Mon 12-07 10:01: five working days have passed
    cases_mark_overdue()
    housing.refresh_from_db()
    assert housing.handle_overdue
    supervised = housing.events.filter(action=Action.SUPERVISE)
    assert supervised.count() == 1 and supervised.get().actor_id is None
    assert made["凤凰"][3].case.events.filter(action=Action.SUPERVISE).count() == 1

    rows = sel.performance_rows(user=admin)
    scores = {r.name: r.completion.score for r in rows}
    assert scores == {"凤凰街道": 7.5, "梧桐街道": 3.3, "巨川县住建局": 0.0}
    listed = {r.name: (r.completion.done, r.completion.total, r.completion.rate_percent) for r in rows}
    assert listed["凤凰街道"] == (3, 4, 75.0) and listed["梧桐街道"] == (1, 3, 33.3)

    client = client_as("county_admin")
    page = client.get("/supervision/performance/")
    assert page.status_code == 200
    assert [r.completion.score for r in page.context["rows"]] == [7.5, 3.3, 0.0]
    api = client.get("/api/v1/key-task-lists/performance/").json()
    assert [(r["unit"], r["score"]) for r in api] == [
        ("凤凰街道", 7.5),
        ("梧桐街道", 3.3),
        ("巨川县住建局", 0.0),
    ]
    book = load_workbook(io.BytesIO(client.get("/supervision/performance.xlsx").content))
    sheet = book.worksheets[0]
    assert [row[5] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["7.5", "3.3", "0.0"]

    # The list: its count and completion rate, the same on page and API; the overdue filter.
    listing = client.get("/api/v1/key-task-lists/").json()
    mine = next(i for i in listing["items"] if i["id"] == task_list.pk)
    assert (mine["task_count"], mine["done_count"], mine["rate"]) == (8, 4, 50.0)
    detail = client.get(f"/supervision/key-task-lists/{task_list.pk}/?state=overdue")
    assert detail.context["count"] == 4  # the housing bureau's, 凤凰's fourth, 梧桐's second and third
    assert (
        client.get("/api/v1/key-tasks/", {"list_id": task_list.pk, "state": "overdue"}).json()["count"] == 4
    )
    book = load_workbook(
        io.BytesIO(client.get(f"/supervision/key-task-lists/{task_list.pk}/tasks.xlsx").content)
    )
    assert book.worksheets[0].max_row == 9  # header and 8 tasks

    # 黄海涛 sees his department's task, not the streets'.
    staff = client_as("dept_staff")
    theirs = staff.get("/api/v1/key-tasks/", {"mine": "true"}).json()
    assert theirs["count"] == 1 and theirs["items"][0]["title"] == "老旧小区改造"
    assert staff.get("/supervision/key-tasks/").context["count"] == 1
    assert staff.get("/supervision/performance/").status_code == 403


def test_follow_up_review_reopens_an_ineffective_task(cast, world, clock, scenario, client_as):
    task_list, made, _staff = scenario
    key_task = made["凤凰"][0]
    finish(key_task.case, cast.street_secretary, cast.county_admin)
    client = client_as("county_admin")
    refused = client.post(
        f"/api/v1/key-tasks/{key_task.pk}/review", {"effective": False}, content_type="application/json"
    )
    assert refused.status_code == 400  # a reason is needed
    answer = client.post(
        f"/api/v1/key-tasks/{key_task.pk}/review",
        {"effective": False, "note": "群众反映问题反弹"},
        content_type="application/json",
    )
    assert answer.status_code == 200, answer.content
    assert answer.json()["state"] != State.CLOSED and answer.json()["review_effective"] is False
    key_task.case.refresh_from_db()
    assert key_task.case.reopen_count == 1
    # Not finished now: reviewed again, 409.
    again = client.post(
        f"/api/v1/key-tasks/{key_task.pk}/review", {"effective": True}, content_type="application/json"
    )
    assert again.status_code == 409


def test_mixed_ownership_filter(cast, world, clock):
    from lianxin.people.models import Organisation, OrganisationKind, Ownership

    task_list = tasklist_create(
        cast.county_admin, area=world.county, title="国企党建五大工程", scheme="soe_five_projects", year=2026
    )
    mixed = Organisation.objects.create(
        kind=OrganisationKind.EMPLOYER,
        name="巨川县城投集团",
        area=world.county,
        area_path=world.county.path,
        ownership=Ownership.MIXED,
    )
    state_owned = Organisation.objects.create(
        kind=OrganisationKind.EMPLOYER,
        name="巨川县水务公司",
        area=world.county,
        area_path=world.county.path,
        ownership=Ownership.COUNTY_SOE,
    )
    for org, heading in ((mixed, "强基工程"), (state_owned, "品牌工程")):
        keytask_create(
            cast.county_admin,
            task_list=task_list,
            title=f"{org.name}任务",
            heading=heading,
            lead_organisation=org,
            working_days=10,
        )
    rows = sel.keytasks_for(
        user=cast.county_admin, filters=sel.TaskFilters(task_list=task_list.pk, mixed=True)
    )
    assert [t.lead_organisation for t in rows] == [mixed]
    assert TaskList.objects.get(pk=task_list.pk).tasks.count() == 2


def test_a_deadline_is_needed(cast, world, clock):
    task_list = tasklist_create(cast.county_admin, area=world.county, title="清单", year=2026)
    with pytest.raises(DomainError) as refused:
        keytask_create(cast.county_admin, task_list=task_list, title="无期限", lead_area=world.streets[0])
    assert refused.value.field == "working_days"


def test_street_secretary_cannot_draw_a_county_list(cast, world, clock):
    with pytest.raises(DomainError) as refused:
        tasklist_create(cast.street_secretary, area=world.county, title="越级清单", year=2026)
    assert refused.value.code == "forbidden"
    assert Area.objects.filter(level=Level.COUNTY).exists()
