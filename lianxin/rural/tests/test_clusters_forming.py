"""Scenario 1: county_admin forms 北岭示范片区 and its 联合党委: five 专班 appear; the gaps list it 缺中心村;
刘堂村 of 东湖示范片区 is refused (moving stays allowed); 孟凡强 refused as a head, 周立新 accepted, both his
posts shown. And the committee's leader, secretary and members (P002-03, P002-04)."""

from datetime import date

import pytest

from lianxin.areas.models import Area, Level
from lianxin.core.errors_domain import DomainError
from lianxin.party.models import Membership, OrgKind, PartyOrg
from lianxin.people.models import Person, Post
from lianxin.people.roles import Role
from lianxin.rural.models import ClusterProfile
from lianxin.rural.selectors import clusters as sel
from lianxin.rural.services import clusters as svc

pytestmark = pytest.mark.django_db


def _village(world, name):
    return next(v for v in world.villages if v.name == name)


def _person(name, area, **post):
    person = Person.objects.create(name=name)
    person.set_area(area)
    person.save()
    if post:
        Post.objects.create(person=person, start_date=date(2024, 1, 1), **post)
    return person


def test_county_admin_forms_beiling_cluster_and_its_committee(world, cast):
    admin = cast.county_admin
    beiling = next(t for t in world.townships if t.name == "北岭镇")
    own = [v for v in world.villages if v.path.startswith(beiling.path)]
    cluster, warning = svc.cluster_form(admin, township=beiling, name="北岭示范片区", villages=own)
    assert cluster.level == Level.CLUSTER and cluster.path.startswith(beiling.path)
    assert all(Area.objects.get(pk=v.pk).path.startswith(cluster.path) for v in own)
    assert "3" in warning  # one village: a cluster groups 3 to 5
    assert ClusterProfile.objects.get(cluster=cluster).central_village is None

    with pytest.raises(DomainError) as refused:
        svc.cluster_village_attach(admin, cluster=cluster, village=_village(world, "刘堂村"))
    assert refused.value.code == "invalid_state"
    assert refused.value.message == "刘堂村已属于东湖示范片区"

    committee = svc.joint_committee_form(admin, cluster=cluster)
    forces = PartyOrg.objects.filter(kind=OrgKind.TASK_FORCE, path__startswith=committee.path)
    assert sorted(forces.values_list("name", flat=True)) == sorted(
        ["规模农业专班", "高效农业专班", "特色产业专班", "返乡创业专班", "公共服务专班"]
    )
    assert committee.name == "北岭片区融合发展联合党委"

    rows = {r.cluster.name: r for r in sel.cluster_rows(admin)}
    assert "缺中心村" in rows["北岭示范片区"].gaps
    assert "缺中心村" not in rows["东湖示范片区"].gaps
    assert rows["北岭示范片区"].missing_task_forces == []
    gaps = sel.gaps_of(list(rows.values()))
    assert [r.cluster.name for r in gaps.without_central] == ["北岭示范片区"]

    farming = forces.get(name="规模农业专班")
    meng = _person("孟凡强", world.county)
    with pytest.raises(DomainError) as no_department:
        svc.task_force_head_appoint(admin, task_force=farming, person=meng)
    assert no_department.value.code == "invalid_state"
    assert no_department.value.message == "孟凡强未在县直部门任职，不能担任专班负责人"
    assert not Post.objects.filter(party_org=farming).exists()

    zhou = cast.taskforce_head.person
    svc.task_force_head_appoint(admin, task_force=farming, person=zhou)
    view = sel.committee_view(admin, committee)
    row = next(f for f in view.forces if f.org.pk == farming.pk)
    [(head, departments)] = row.heads
    assert head.person == zhou and head.role == "task_force_head"
    assert [d.department.name for d in departments] == ["巨川县农业农村局"]


def test_moving_a_village_between_clusters_stays_allowed(world, cast):
    admin = cast.county_admin
    nanhu = next(t for t in world.townships if t.name == "南湖镇")
    east = world.cluster
    second, _warning = svc.cluster_form(admin, township=nanhu, name="南湖二号片区")
    liutang = _village(world, "刘堂村")
    moved = svc.cluster_village_move(admin, village=liutang, cluster=second)
    assert moved.path.startswith(second.path) and not moved.path.startswith(east.path)


def test_leader_must_be_a_township_secretary(world, cast):
    admin = cast.county_admin
    committee = PartyOrg.objects.get(kind=OrgKind.JOINT_COMMITTEE, area=world.cluster)
    with pytest.raises(DomainError) as refused:
        svc.committee_leader_appoint(admin, committee=committee, person=cast.village_secretary.person)
    assert refused.value.code == "invalid_state"
    assert "不能担任联合党委负责领导" in refused.value.message
    leaders = Post.objects.current().filter(party_org=committee, role="joint_committee_leader")
    assert [p.person.name for p in leaders] == ["赵建平"]


def test_committee_secretary_comes_from_member_village_secretaries(world, cast):
    admin = cast.county_admin
    committee = PartyOrg.objects.get(kind=OrgKind.JOINT_COMMITTEE, area=world.cluster)
    li_branch = PartyOrg.objects.get(kind=OrgKind.BRANCH, area=_village(world, "李楼村"))
    li_secretary = _person("李楼书记", _village(world, "李楼村"), role=Role.SECRETARY, party_org=li_branch)
    outsider = _person("外村人", world.county)
    with pytest.raises(DomainError) as refused:
        svc.committee_secretary_appoint(admin, committee=committee, person=outsider)
    assert "须从成员村党组织书记中产生" in refused.value.message
    zhang = cast.village_secretary.person
    zhang_branch = PartyOrg.objects.get(kind=OrgKind.BRANCH, area=_village(world, "张庄村"))
    for person, branch in ((zhang, zhang_branch), (li_secretary, li_branch)):
        Membership.objects.create(
            person=person,
            org=branch,
            org_path=branch.path,
            area_path=branch.area_path,
            start_date=date(2020, 1, 1),
        )
    post, seated = svc.committee_secretary_appoint(admin, committee=committee, person=zhang)
    assert post.person == zhang and post.role == Role.SECRETARY
    assert [p.person for p in seated] == [li_secretary]
    assert seated[0].role == Role.COMMITTEE_MEMBER


def test_cross_appointment_is_listed(world, cast):
    admin = cast.county_admin
    committee = PartyOrg.objects.get(kind=OrgKind.JOINT_COMMITTEE, area=world.cluster)
    from lianxin.people.models import Department, DepartmentKind

    nanhu = next(t for t in world.townships if t.name == "南湖镇")
    office = Department.objects.create(
        area=nanhu, area_path=nanhu.path, code="nanhu_jg", name="南湖镇经管站", kind=DepartmentKind.DEPARTMENT
    )
    head = _person("经管站长", nanhu, role=Role.DEPARTMENT_STAFF, department=office, area_path=nanhu.path)
    svc.committee_member_appoint(admin, committee=committee, person=head)
    [cross] = sel.committee_view(admin, committee).cross
    assert cross.person == head and cross.committee_post.role == Role.COMMITTEE_MEMBER
    assert [p.department.name for p in cross.department_posts] == ["南湖镇经管站"]
