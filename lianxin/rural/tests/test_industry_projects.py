"""Industry (issue 23): projects with their beneficiaries, parks and belts, brands, chain links and training
bases, as the demo holds them in 东湖示范片区; the rules of the services (Chinese, nothing half-written)."""

from datetime import date
from decimal import Decimal

import pytest

from lianxin.areas.models import Area, Level
from lianxin.core.errors_domain import DomainError
from lianxin.party.models import OrgKind, PartyOrg
from lianxin.party.models.chains import ChainLink, IndustryChain
from lianxin.people.models import Organisation, OrganisationKind
from lianxin.rural.demo_industry import BASE, SPECIALTY, chain_links_ensure
from lianxin.rural.models import Beneficiary, Brand, Park, ParkKind, Project, ProjectKind, ProjectStage
from lianxin.rural.selectors import industry as sel
from lianxin.rural.services import industry as svc

pytestmark = pytest.mark.django_db


@pytest.fixture
def cluster(world):
    return Area.objects.get(level=Level.CLUSTER, name="东湖示范片区")


def _village(cluster, name):
    return Area.objects.get(level=Level.VILLAGE, name=name, path__startswith=cluster.path)


def _force(cluster, name):
    return PartyOrg.objects.get(kind=OrgKind.TASK_FORCE, area=cluster, name__contains=name)


def test_the_demo_cluster_holds_its_projects_parks_brand_and_training_base(cast, cluster):
    rows = sel.projects_for(user=cast.county_admin, root=cluster)
    figures = sel.project_figures(rows)
    assert figures["count"] == 4
    assert dict((c, n) for c, _l, n in figures["by_kind"]) == {
        "specialty": 1,
        "base": 1,
        "reserve": 1,
        "technology": 1,
    }
    assert dict((c, n) for c, _l, n in figures["by_stage"]) == {
        "reserve": 1,
        "building": 0,
        "operating": 2,
        "transferred": 1,
    }
    assert figures["bases"]["investment"] == Decimal("12000000.00")
    assert figures["bases"]["collective_income_gain"] == Decimal("196000.00")
    assert [line.area for line in figures["bases_by_cluster"]] == ["东湖示范片区"]
    specialty = Project.objects.get(name=SPECIALTY)
    assert specialty.central_village.name == "张庄村"
    assert specialty.enterprise.kind == OrganisationKind.AGRI_ENTERPRISE
    people = sel.beneficiary_figures(specialty)
    assert people == {"count": 5, "mean": Decimal("20000.00"), "total": Decimal("100000.00")}
    parks = sel.park_figures(sel.parks_for(user=cast.county_admin), today=date(2026, 6, 1))
    by_kind = {c: (n, new) for c, _l, n, new in parks["by_kind"]}
    # The park (2025) and the pilot (2025) are new since 2025-01-01; the belt (2023) is not.
    assert (
        by_kind["modern_park"] == (1, 1) and by_kind["belt"] == (1, 0) and by_kind["three_fields"] == (1, 1)
    )
    pilot = Park.objects.get(kind=ParkKind.THREE_FIELDS)
    assert (pilot.trial_mu, pilot.demonstration_mu, pilot.field_mu) == (
        Decimal("100.00"),
        Decimal("1000.00"),
        Decimal("10000.00"),
    )
    belt = Park.objects.get(kind=ParkKind.BELT)
    # The belt is the township's: it may take in villages of several clusters.
    assert (
        belt.area.level == Level.TOWNSHIP and belt.villages.filter(path__startswith=cluster.path).count() == 4
    )
    brand = Brand.objects.get(name="龙麟")
    assert brand.trademark_number and brand.organisation.kind == OrganisationKind.COOPERATIVE
    assert sel.training_base_figures(sel.training_bases_for(user=cast.county_admin))["count"] == 1


def test_a_specialty_project_needs_its_central_village_industry_and_enterprise(cast, cluster):
    enterprise = Organisation.objects.get(kind=OrganisationKind.AGRI_ENTERPRISE, name__contains="金源")
    before = Project.objects.count()
    with pytest.raises(DomainError) as refused:
        svc.project_create(
            cast.county_admin, name="新项目", kind=ProjectKind.SPECIALTY, area=cluster, industry="芦笋",
            enterprise=enterprise,
        )  # fmt: skip
    assert refused.value.message == "特色产业项目须填写中心村"
    assert refused.value.field == "central_village"
    with pytest.raises(DomainError) as refused:
        svc.project_create(
            cast.county_admin, name="新项目", kind=ProjectKind.BASE, area=cluster, investment="-1"
        )
    assert refused.value.message == "投资额不能为负数"
    assert Project.objects.count() == before
    project = svc.project_create(
        cast.county_admin,
        name="芦笋特色产业项目",
        kind=ProjectKind.SPECIALTY,
        area=cluster,
        central_village=_village(cluster, "李楼村"),
        villages=[_village(cluster, "王集村")],
        industry="芦笋",
        enterprise=enterprise,
    )
    assert [v.name for v in project.villages.order_by("path")] == sorted(
        ["李楼村", "王集村"], key=lambda n: _village(cluster, n).path
    )
    with pytest.raises(DomainError) as refused:
        svc.project_create(cast.county_admin, name="芦笋特色产业项目", kind=ProjectKind.RESERVE, area=cluster)
    assert refused.value.code == "invalid_state"


def test_a_village_outside_the_area_and_a_non_enterprise_are_refused(cast, cluster, world):
    other = Area.objects.filter(level=Level.VILLAGE).exclude(path__startswith=cluster.path).first()
    with pytest.raises(DomainError) as refused:
        svc.project_create(
            cast.county_admin, name="跨区项目", kind=ProjectKind.RESERVE, area=cluster, villages=[other]
        )
    assert refused.value.message == f"{other.name}不在东湖示范片区内"
    coop = Organisation.objects.get(kind=OrganisationKind.COOPERATIVE, name="李楼村果蔬专业合作社")
    with pytest.raises(DomainError) as refused:
        svc.project_create(
            cast.county_admin, name="错企项目", kind=ProjectKind.RESERVE, area=cluster, enterprise=coop
        )
    assert refused.value.field == "enterprise"


def test_the_task_force_head_records_for_his_task_force_only(cast, cluster):
    farming, specialty = _force(cluster, "规模农业"), _force(cluster, "特色产业")
    head = cast.taskforce_head
    project = svc.project_create(head, name="规模化种植基地", kind=ProjectKind.BASE, task_force=farming)
    assert project.area == cluster
    with pytest.raises(DomainError) as refused:
        svc.project_create(head, name="别的专班项目", kind=ProjectKind.RESERVE, task_force=specialty)
    assert refused.value.code == "forbidden"
    # He sees his task force's projects, not the other task forces'.
    names = set(sel.projects_for(user=head).values_list("name", flat=True))
    assert BASE in names and "规模化种植基地" in names and SPECIALTY not in names
    # The villager may not record.
    with pytest.raises(DomainError):
        svc.project_create(cast.villager, name="x", kind=ProjectKind.RESERVE, area=cluster)


def test_beneficiaries_count_once_and_the_mean_follows(cast, cluster):
    project = Project.objects.get(name=SPECIALTY)
    svc.beneficiary_add(cast.township_secretary, project=project, name="赵六", annual_increase="26000")
    assert sel.beneficiary_figures(project) == {
        "count": 6,
        "mean": Decimal("21000.00"),
        "total": Decimal("126000.00"),
    }
    with pytest.raises(DomainError) as refused:
        svc.beneficiary_add(cast.township_secretary, project=project, name="赵六", annual_increase="1")
    assert refused.value.code == "invalid_state"
    with pytest.raises(DomainError):
        svc.beneficiary_add(cast.township_secretary, project=project, name="钱七", annual_increase="-5")
    assert Beneficiary.objects.filter(project=project).count() == 6


def test_stage_moves_and_base_amounts_update(cast, cluster):
    project = Project.objects.get(name="刘堂村设施农业大棚项目")
    svc.project_update(cast.county_admin, project=project, stage=ProjectStage.BUILDING, investment="800000")
    project.refresh_from_db()
    assert project.stage == ProjectStage.BUILDING and project.investment == Decimal("800000.00")
    with pytest.raises(DomainError):
        svc.project_update(cast.county_admin, project=project, stage="done")


def test_a_three_fields_pilot_gives_its_three_fields_and_a_belt_spans_villages(cast, cluster, world):
    with pytest.raises(DomainError) as refused:
        svc.park_create(
            cast.county_admin, name="北岭三田合一", kind=ParkKind.THREE_FIELDS, area=cluster,
            started_on=date(2026, 3, 1), trial_mu="100", demonstration_mu="1000",
        )  # fmt: skip
    assert refused.value.field == "field_mu"
    county = world.county
    villages = list(Area.objects.filter(level=Level.VILLAGE, path__startswith=county.path)[:6])
    belt = svc.park_create(
        cast.county_admin,
        name="县林下经济产业带",
        kind=ParkKind.BELT,
        area=county,
        started_on=date(2026, 2, 1),
        villages=villages,
        support_finance=True,
    )
    assert belt.villages.count() == len(villages) and belt.supports == ["金融"]


def test_brands_owner_and_trademark_once(cast, cluster):
    coop = Organisation.objects.get(kind=OrganisationKind.COOPERATIVE, name="金银花种植专业合作社")
    brand = svc.brand_create(
        cast.county_admin, name="张庄金银花", owner_kind="cooperative", organisation=coop, products="金银花",
        certification="green", trademark_number="58001234",
    )  # fmt: skip
    assert brand.area == coop.area
    with pytest.raises(DomainError) as refused:
        svc.brand_create(
            cast.county_admin, name="另一个", owner_kind="village", area=_village(cluster, "王集村"),
            products="果蔬", trademark_number="58001234",
        )  # fmt: skip
    assert refused.value.code == "invalid_state" and "58001234" in refused.value.message
    with pytest.raises(DomainError) as refused:
        svc.brand_create(
            cast.county_admin,
            name="片区品牌",
            owner_kind="cluster",
            area=_village(cluster, "王集村"),
            products="x",
        )
    assert refused.value.field == "area"


def test_chain_links_and_full_chains(cast, world):
    chain_links_ensure(world.county)
    figures = sel.chain_figures(sel.chains_for(user=cast.county_admin))
    assert figures["full"] == 1
    chain = IndustryChain.objects.get(name="生物医药产业链")
    svc.chain_links_set(cast.county_admin, chain=chain, links=list(reversed(ChainLink.values)))
    chain.refresh_from_db()
    assert chain.links == list(ChainLink.values) and chain.is_full_chain
    assert sel.chain_figures(sel.chains_for(user=cast.county_admin))["full"] == 2
    with pytest.raises(DomainError):
        svc.chain_links_set(cast.county_admin, chain=chain, links=["fishing"])
    with pytest.raises(DomainError):
        svc.chain_links_set(cast.villager, chain=chain, links=[])


def test_a_village_secretary_reads_the_projects_covering_his_village(cast, cluster):
    secretary = cast.village_secretary  # 张庄村
    names = set(sel.projects_for(user=secretary).values_list("name", flat=True))
    assert names == {SPECIALTY, "金银花新品种“东湖1号”推广"}
    # Read only: the cluster's project is not his to change.
    assert not svc.project_writable(secretary, Project.objects.get(name=SPECIALTY))
