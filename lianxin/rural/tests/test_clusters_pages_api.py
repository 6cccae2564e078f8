"""The clusters part's pages, API and Excel on the demo rows (东湖示范片区): the same numbers in each; who
opens what; grades, resources, mentoring, plan and the joint branch's member count (P000-04, P000-05,
P000-09, P002-01, P002-02, P002-16, P002-26)."""

import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from lianxin.party.models import Membership, OrgKind, PartyOrg
from lianxin.people.models import Person
from lianxin.rural.models import VillageGrade
from lianxin.rural.selectors import clusters as sel
from lianxin.rural.services import clusters as svc

pytestmark = pytest.mark.django_db


def test_overview_page_api_and_export_agree(world, cast, client_as):
    client = client_as("county_admin")
    page = client.get("/rural/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "东湖示范片区" in text and "/rural/cooperatives/" in text and "/talent/" in text
    rows = sel.cluster_rows(cast.county_admin)
    api = client.get("/api/v1/rural-clusters/").json()
    assert api["count"] == len(rows)
    assert f'data-testid="cluster-count">{len(rows)}<' in text
    east = next(i for i in api["items"] if i["name"] == "东湖示范片区")
    assert east["central_village_name"] == "张庄村"
    assert east["grade_mix"] == {"model": 1, "strengthening": 2, "weak": 1, "none": 0}
    assert east["task_force_count"] == 5 and east["gaps"] == []
    book = load_workbook(io.BytesIO(client.get("/rural/clusters.xlsx").content))
    sheet = book.worksheets[0]
    lines = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert len(lines) == api["count"]
    excel_east = next(r for r in lines if r[0] == "东湖示范片区")
    assert excel_east[3] == "张庄村" and excel_east[4:7] == [1, 2, 1]


def test_cluster_api_sums_resources_as_strings(world, cast, client_as):
    client = client_as("township_secretary")
    detail = client.get(f"/api/v1/rural-clusters/{world.cluster.pk}").json()
    total = detail["resource_total"]
    assert total == {
        "villages": 4,
        "land_mu": "6440.00",
        "funds": "682500.00",
        "labour": 1370,
        "technologies": ["金银花种植、烘干技术", "果蔬大棚种植", "土地托管"],
    }
    [pair] = detail["mentoring_pairs"]
    assert (pair["mentor"], pair["mentee"]) == ("张庄村", "刘堂村")
    assert {a["kind"] for a in pair["activities"]} == {"plaque_exchange", "learning_on_job"}
    [plan] = detail["plans"]
    assert plan["joint_brands"] == "东湖金银花" and (plan["period_start"], plan["period_end"]) == (2025, 2027)
    page = client.get(f"/rural/clusters/{world.cluster.pk}/").content.decode()
    assert "6440.00" in page and "682500.00" in page


def test_a_village_secretary_does_not_open_the_cluster(world, cast, client_as):
    assert client_as("village_secretary").get(f"/rural/clusters/{world.cluster.pk}/").status_code == 404
    assert client_as("village_secretary").get(f"/api/v1/rural-clusters/{world.cluster.pk}").status_code == 404
    assert client_as("villager").get("/rural/").status_code == 403


def test_grade_history_and_upgrades_in_a_period(world, cast):
    admin = cast.county_admin
    wangji = next(v for v in world.villages if v.name == "王集村")
    svc.village_grade_set(
        admin, village=wangji, grade="model", start_date=date(2026, 3, 1), reason="晋位升级"
    )
    history = list(VillageGrade.objects.filter(village=wangji).order_by("start_date"))
    assert [(g.grade, g.end_date) for g in history] == [("strengthening", date(2026, 2, 28)), ("model", None)]
    ups = sel.upgrades(admin, since=date(2025, 1, 1), until=date(2026, 12, 31))
    assert [(u.village.name, u.after) for u in ups] == [("李楼村", "strengthening"), ("王集村", "model")]
    assert len(sel.upgrades(admin, since=date(2026, 1, 1), until=date(2026, 12, 31))) == 1


def test_mentor_must_be_a_model_village(world, cast):
    from lianxin.core.errors_domain import DomainError

    li = next(v for v in world.villages if v.name == "李楼村")
    liu = next(v for v in world.villages if v.name == "刘堂村")
    with pytest.raises(DomainError):
        svc.mentoring_pair_create(cast.county_admin, cluster=world.cluster, mentor=li, mentee=liu)


def test_resources_refuse_negative_values_and_keep_nothing(world, cast, client_as):
    liu = next(v for v in world.villages if v.name == "刘堂村")
    client = client_as("township_secretary")
    answer = client.post(
        f"/rural/clusters/{world.cluster.pk}/",
        {"form": "resource", "village": liu.pk, "land_mu": "-1", "funds": "0", "labour": "0"},
    )
    assert answer.status_code == 400
    assert liu.rural_resource.land_mu == Decimal("3400.00")


def test_joint_branch_counts_each_member_once(world, cast, client_as):
    joint = PartyOrg.objects.get(kind=OrgKind.JOINT_BRANCH, area=world.cluster)
    linked = PartyOrg.objects.filter(joint_links__joint_branch=joint)
    members = Membership.objects.current().filter(org__in=linked).values("person_id").distinct().count()
    assert sel.joint_branch_members(joint) == members > 0
    # A member of 张庄村's branch enrolled in the joint branch too keeps his home branch, counted once.
    home = Membership.objects.current().filter(org__in=linked).first()
    Membership.objects.create(
        person=home.person, org=joint, org_path=joint.path, area_path=home.area_path, is_home=False
    )
    outsider = Person.objects.create(name="外来党员")
    Membership.objects.create(
        person=outsider, org=joint, org_path=joint.path, area_path=joint.area_path, is_home=False
    )
    assert sel.joint_branch_members(joint) == members + 1
    api = client_as("county_admin").get(f"/api/v1/joint-branches/{joint.pk}").json()
    assert api["member_count"] == members + 1 and len(api["branches"]) == 4
    assert [s["person_name"] for s in api["secretaries"]] == ["张学军"]


def test_committee_page_and_api_show_the_1_plus_5(world, cast, client_as):
    committee = PartyOrg.objects.get(kind=OrgKind.JOINT_COMMITTEE, area=world.cluster)
    client = client_as("township_secretary")
    page = client.get(f"/rural/committees/{committee.pk}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "赵建平" in text and "周立新" in text and "巨川县农业农村局" in text
    api = client.get(f"/api/v1/joint-committees/{committee.pk}").json()
    assert [p["person_name"] for p in api["leaders"]] == ["赵建平"]
    farming = next(f for f in api["task_forces"] if f["name"] == "规模农业专班")
    assert farming["funds_brought"] == "500000.00" and farming["projects_brought"] == 1
    assert farming["heads"][0]["department_posts"][0].startswith("巨川县农业农村局")
    assert client.get("/rural/committees/").status_code == 200


def test_api_forms_a_cluster_and_refuses_a_village_of_another(world, cast, client_as):
    client = client_as("county_admin")
    beiling = next(t for t in world.townships if t.name == "北岭镇")
    liu = next(v for v in world.villages if v.name == "刘堂村")
    refused = client.post(
        "/api/v1/rural-clusters/",
        {"township_id": beiling.pk, "name": "北岭示范片区", "village_ids": [liu.pk]},
        content_type="application/json",
    )
    assert refused.status_code == 409
    assert "刘堂村已属于东湖示范片区" in refused.content.decode()
    assert not sel.clusters_visible(cast.county_admin).filter(name="北岭示范片区").exists()
    own = [v.pk for v in world.villages if v.path.startswith(beiling.path)]
    made = client.post(
        "/api/v1/rural-clusters/",
        {"township_id": beiling.pk, "name": "北岭示范片区", "village_ids": own, "joint_committee": True},
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    body = made.json()
    assert body["task_force_count"] == 5 and "缺中心村" in body["gaps"] and body["warning"]


def test_county_admin_forms_a_cluster_on_the_page(world, cast, client_as):
    client = client_as("county_admin")
    beiling = next(t for t in world.townships if t.name == "北岭镇")
    liu = next(v for v in world.villages if v.name == "刘堂村")
    refused = client.post(
        "/rural/clusters/new/",
        {"township": beiling.pk, "name": "北岭示范片区", "villages": [liu.pk], "committee": "1"},
    )
    assert refused.status_code == 409
    assert "刘堂村已属于东湖示范片区" in refused.content.decode()
    own = [v.pk for v in world.villages if v.path.startswith(beiling.path)]
    made = client.post(
        "/rural/clusters/new/",
        {"township": beiling.pk, "name": "北岭示范片区", "villages": own, "committee": "1"},
    )
    assert made.status_code == 302
    cluster = sel.clusters_visible(cast.county_admin).get(name="北岭示范片区")
    page = client.get(f"/rural/clusters/{cluster.pk}/").content.decode()
    assert "缺中心村" in page and "北岭片区融合发展联合党委" in page
    committee = PartyOrg.objects.get(kind=OrgKind.JOINT_COMMITTEE, area=cluster)
    meng = Person.objects.create(name="孟凡强")
    meng.set_area(world.county)
    meng.save()
    force = PartyOrg.objects.get(path__startswith=committee.path, name="规模农业专班")
    answer = client.post(
        f"/api/v1/joint-committees/{committee.pk}/heads",
        {"task_force_id": force.pk, "person_id": meng.pk},
        content_type="application/json",
    )
    assert answer.status_code == 409
    assert "孟凡强未在县直部门任职，不能担任专班负责人" in answer.content.decode()
    zhou = cast.taskforce_head.person
    answer = client.post(
        f"/rural/committees/{committee.pk}/", {"form": "head", "task_force": force.pk, "person": zhou.pk}
    )
    assert answer.status_code == 302
    page = client.get(f"/rural/committees/{committee.pk}/").content.decode()
    assert "周立新" in page and "巨川县农业农村局" in page


def test_upgrades_agree_on_page_and_api(world, cast, client_as):
    client = client_as("county_admin")
    api = client.get("/api/v1/rural-clusters/upgrades/?since=2025-01-01&until=2025-12-31").json()
    assert api["count"] == 1 and api["items"][0]["village_name"] == "李楼村"
    assert (api["items"][0]["before"], api["items"][0]["after"]) == ("weak", "strengthening")
    page = client.get("/rural/?since=2025-01-01&until=2025-12-31").content.decode()
    assert 'data-testid="upgrade-count">1<' in page
