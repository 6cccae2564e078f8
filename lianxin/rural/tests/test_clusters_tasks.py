"""Scenario 6: the 联合党委 issues 烘干车间建设 to 特色产业专班 with two village branches co-operating,
due in 15 working days; each party takes and reports; the villager sees the progress on /rural/my-cluster/;
the issuer accepts; tasks stay out of the residents' figures (P000-08)."""

from datetime import date

import pytest

from lianxin.cases.figures import Period, figures_for_area
from lianxin.cases.models import Kind, State
from lianxin.cases.services import case_handle, case_take, case_verify
from lianxin.cases.worktime import days_to_hours, working_add
from lianxin.core.errors_domain import DomainError
from lianxin.party.models import OrgKind, PartyOrg
from lianxin.people.models import Person, Post, User
from lianxin.people.roles import Role
from lianxin.rural.models import ClusterTask
from lianxin.rural.services import clusters as svc

pytestmark = pytest.mark.django_db


def _branch(world, name):
    village = next(v for v in world.villages if v.name == name)
    return PartyOrg.objects.get(kind=OrgKind.BRANCH, area=village)


def _secretary_user(branch, name):
    person = Person.objects.create(name=name)
    person.set_area(branch.area)
    person.save()
    Post.objects.create(
        person=person,
        role=Role.SECRETARY,
        party_org=branch,
        party_org_path=branch.path,
        area_path=branch.area_path,
        start_date=date(2024, 1, 1),
    )
    return User.objects.create_user(username=f"u{person.pk}", password="x", person=person)


@pytest.fixture
def parties(world, cast):
    committee = PartyOrg.objects.get(kind=OrgKind.JOINT_COMMITTEE, area=world.cluster)
    specialty = PartyOrg.objects.get(
        kind=OrgKind.TASK_FORCE, path__startswith=committee.path, name="特色产业专班"
    )
    svc.task_force_head_appoint(cast.county_admin, task_force=specialty, person=cast.taskforce_head.person)
    from lianxin.core.context import user_context_clear

    user_context_clear(cast.taskforce_head)
    return committee, specialty, _branch(world, "张庄村"), _branch(world, "李楼村")


def test_the_joint_committee_issues_a_cluster_task_each_party_reports_the_issuer_accepts(
    world, cast, parties, client_as, clock
):
    committee, specialty, zhang, li = parties
    zhao = cast.township_secretary
    before = figures_for_area(area=world.cluster, period=Period(date(2020, 1, 1), date(2030, 12, 31)))
    task = svc.cluster_task_issue(
        zhao,
        committee=committee,
        task_force=specialty,
        title="烘干车间建设",
        branches=[zhang, li],
        working_days=15,
    )
    assert task.case.kind == Kind.TASK and task.case.category.name == "片区任务"
    assert task.case.handler_party_org == specialty
    assert task.case.handle_due == working_add(task.case.reported_at, days_to_hours(15))
    cases = {p.party_org.name: p.case for p in task.parties.all()}
    assert sorted(cases) == ["张庄村党支部", "李楼村党支部"]
    assert all(c.handle_due == task.case.handle_due for c in cases.values())

    head = cast.taskforce_head
    li_secretary = _secretary_user(li, "李楼村书记")
    workers = [
        (head, task.case),
        (cast.village_secretary, cases["张庄村党支部"]),
        (li_secretary, cases["李楼村党支部"]),
    ]
    for user, case in workers:
        case_take(user, case=case)
        case_handle(user, case=case, note="已完成本方承担的工作")

    page = client_as("villager").get("/rural/my-cluster/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "烘干车间建设" in text and "东湖示范片区" in text
    assert "0/3" in text

    for _user, case in workers:
        case_verify(zhao, case=case, passed=True, note="验收通过")
    text = client_as("villager").get("/rural/my-cluster/").content.decode()
    assert "3/3" in text

    after = figures_for_area(area=world.cluster, period=Period(date(2020, 1, 1), date(2030, 12, 31)))
    assert after.reported == before.reported
    task.case.refresh_from_db()
    assert task.case.state == State.CLOSED


def test_only_the_committee_leader_or_secretary_issues(world, cast, parties):
    committee, specialty, zhang, _li = parties
    with pytest.raises(DomainError) as refused:
        svc.cluster_task_issue(
            cast.village_secretary,
            committee=committee,
            task_force=specialty,
            title="烘干车间建设",
            working_days=15,
        )
    assert refused.value.code == "forbidden"
    assert not ClusterTask.objects.exists()


def test_a_task_force_of_another_committee_or_a_branch_outside_the_cluster_is_refused(world, cast, parties):
    committee, specialty, _zhang, _li = parties
    beiling = next(t for t in world.townships if t.name == "北岭镇")
    outside = PartyOrg.objects.filter(kind=OrgKind.BRANCH, area__path__startswith=beiling.path).first()
    with pytest.raises(DomainError) as refused:
        svc.cluster_task_issue(
            cast.township_secretary,
            committee=committee,
            task_force=specialty,
            title="烘干车间建设",
            branches=[outside],
            working_days=15,
        )
    assert outside.name in refused.value.message
    assert not ClusterTask.objects.exists()


def test_the_task_force_head_queue_lists_the_task(world, cast, parties, client_as):
    committee, specialty, zhang, _li = parties
    svc.cluster_task_issue(
        cast.township_secretary,
        committee=committee,
        task_force=specialty,
        title="烘干车间建设",
        branches=[zhang],
        working_days=15,
    )
    page = client_as("taskforce_head").get("/rural/task-force/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "特色产业专班" in text and "规模农业专班" in text
    assert "烘干车间建设" in text
    assert "500000.00" in text  # 巨川县农业农村局's funds brought to 规模农业专班
