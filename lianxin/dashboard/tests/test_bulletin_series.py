"""Numbered bulletin series (P001-08, P004-56; scenario 4): 通报第7期 ranks 凤凰街道 75.0 % (3/4) above
梧桐街道 33.3 % (1/3); the next issue is 第8期; the Word file holds the ranking."""

from datetime import date, timedelta

import pytest
from docx import Document

from lianxin.cases.services import case_handle, case_take, case_verify
from lianxin.core.errors_domain import DomainError
from lianxin.dashboard.bulletin_series import bulletin_series_due, series_create, series_issue
from lianxin.people.models import Post
from lianxin.people.roles import Role
from lianxin.supervision.categories import task_categories_ensure
from lianxin.supervision.services.key_tasks import keytask_create, tasklist_create

pytestmark = pytest.mark.django_db


def finish(case, worker, issuer):
    case_take(worker, case=case)
    case_handle(worker, case=case, note="已完成")
    case_verify(issuer, case=case, passed=True, note="验收通过")


@pytest.fixture
def tasks(cast, world, clock):
    from lianxin.core.context import user_context_clear

    task_categories_ensure()
    admin = cast.county_admin
    fenghuang, wutong = world.streets
    Post.objects.create(
        person=cast.community_secretary.person,
        role=Role.SECRETARY,
        area=wutong,
        area_path=wutong.path,
        start_date=date(2026, 1, 1),
    )
    user_context_clear(cast.community_secretary)
    task_list = tasklist_create(admin, area=world.county, title="重点突破项目", year=2026)
    made = [
        keytask_create(admin, task_list=task_list, title=f"凤凰{n}", lead_area=fenghuang, working_days=5)
        for n in range(4)
    ]
    made += [
        keytask_create(admin, task_list=task_list, title=f"梧桐{n}", lead_area=wutong, working_days=5)
        for n in range(3)
    ]
    for key_task in made[:3]:
        finish(key_task.case, cast.street_secretary, admin)
    finish(made[4].case, cast.community_secretary, admin)
    return task_list


def test_issue_7_ranks_the_streets_and_numbers_continue(cast, world, clock, tasks, client_as):
    series = series_create(cast.county_admin, area=world.county, title="中小城市党建通报", first_number=7)
    clock.advance(days=7)
    seventh = series_issue(
        actor=cast.county_admin,
        series=series,
        day=clock.now.date() - timedelta(days=1),
    )
    assert seventh.number == 7
    ranked = seventh.summary["ranked"]
    assert [(r["unit"], r["rank"], r["done"], r["total"], r["rate"]) for r in ranked] == [
        ("凤凰街道", 1, 3, 4, 75.0),
        ("梧桐街道", 2, 1, 3, 33.3),
    ]
    text = "\n".join(
        cell.text
        for table in Document(seventh.file.open("rb")).tables
        for row in table.rows
        for cell in row.cells
    )
    assert "75.0%" in text and "33.3%" in text
    eighth = series_issue(actor=cast.county_admin, series=series, day=clock.now.date())
    assert eighth.number == 8
    series.refresh_from_db()
    assert series.next_number == 9
    api = client_as("county_admin").get("/dashboard/bulletins/")
    assert api.status_code == 200 and len(api.context["series"]) == 1


def test_a_series_is_refused_bad_input_and_the_job_issues_on_schedule(cast, world, clock, tasks, client_as):
    with pytest.raises(DomainError) as refused:
        series_create(cast.county_admin, area=world.county, title="通报", rrule="EVERY MONDAY")
    assert refused.value.field == "rrule"
    client = client_as("county_admin")
    page = client.post(
        f"/dashboard/bulletins/?area={world.county.pk}",
        {
            "form": "series",
            "title": "通报",
            "first_number": "1",
            "rrule": "EVERY MONDAY",
            "ranking": "children",
        },
    )
    assert page.status_code == 400
    series = series_create(cast.county_admin, area=world.county, title="通报", rrule="FREQ=WEEKLY;BYDAY=MO")
    assert series.next_on.isoformat() == "2026-12-07"
    clock.advance(days=7)
    assert bulletin_series_due() == 1
    series.refresh_from_db()
    assert series.next_number == 2 and series.next_on.isoformat() == "2026-12-14"
    assert client_as("grid_worker").post(
        "/dashboard/bulletins/", {"form": "series", "title": "x"}
    ).status_code in (403, 404)
