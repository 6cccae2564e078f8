"""The territory figures added for issue #4's small gaps: cluster population (P000-02), staff posted to
estates by role (P000-33), key property companies (P000-39), property company coverage (P000-40), coverage
by field (P000-50), sector committees per city and county (P000-51), new-employment organisations founded
in a period (P000-52), fallback property management by estate type (P004-29). Page, API and scope."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lianxin.areas.models import EstateType, PropertyMode
from lianxin.core.scope import under
from lianxin.party.figures.organisation import territory_figures
from lianxin.party.models import OrgKind, PartyOrg, Sector
from lianxin.party.services.orgs import party_org_add
from lianxin.people.models import Organisation, OrganisationKind, Person

pytestmark = pytest.mark.django_db


def _table(tables, title):
    return {str(r.label): r for r in dict((str(t), rows) for t, rows in tables)[title]}


def test_cluster_population_counts_the_residents_of_its_villages_households(cast, world):
    tables = territory_figures(user=cast.county_admin)
    row = _table(tables, "片区人口")[world.cluster.name]
    expected = Person.objects.filter(under("household__area_path", world.cluster.path)).count()
    assert expected > 0 and row.value == expected


def test_cluster_population_is_in_the_api_and_on_the_page(client_as, cast, world):
    client = client_as("county_admin")
    body = client.get(f"/api/v1/territory-figures/?area_id={world.county.pk}").json()
    table = next(t for t in body if t["title"] == "片区人口")
    expected = Person.objects.filter(under("household__area_path", world.cluster.path)).count()
    assert {"label": world.cluster.name, "value": str(expected)}.items() <= table["rows"][0].items()
    assert world.cluster.name in client.get("/coverage/figures/").content.decode()
    # A community's staff see no cluster of the townships.
    other = client_as("community_secretary").get("/api/v1/territory-figures/").json()
    assert next(t for t in other if t["title"] == "片区人口")["rows"] == []


def test_staff_posted_to_estates_are_counted_by_role(cast):
    rows = _table(territory_figures(user=cast.community_secretary), "下沉小区人员（按岗位）")
    assert rows["网格员"].value >= 1  # the demo grid worker over estate 0


def test_key_property_companies_show_their_estates_and_contact(cast, world):
    company = Organisation.objects.filter(kind=OrganisationKind.PROPERTY_COMPANY).first()
    company.is_key_company = True
    company.contact = "王经理 138****0001"
    company.save()
    rows = _table(territory_figures(user=cast.county_admin), "重点物业企业")
    assert "王经理" in rows[company.name].note


def test_property_companies_without_a_party_organisation_are_listed(cast):
    company = Organisation.objects.create(
        kind=OrganisationKind.PROPERTY_COMPANY,
        name="无党组织物业公司",
        area_path=cast.county_admin.person.area_path,
    )
    rows = _table(territory_figures(user=cast.county_admin), "物业企业党组织")
    assert company.name in rows["尚未建立党组织的物业企业"].note


def test_coverage_by_field_gives_the_share_of_estates_with_a_branch(cast, world):
    rows = _table(territory_figures(user=cast.county_admin), "各领域党组织及覆盖")
    assert "%" in rows["社区"].note


def test_sector_committee_gaps_name_the_city_as_well_as_the_county(cast, world):
    rows = _table(territory_figures(user=cast.county_admin), "各市、县行业党委")
    assert world.county.name in rows


def test_new_employment_orgs_founded_in_the_period_are_counted(cast, world):
    admin = cast.county_admin
    committee = party_org_add(
        actor=admin,
        parent=PartyOrg.objects.get(depth=1),
        kind=OrgKind.SECTOR_COMMITTEE,
        name="县快递行业党委",
        area=world.county,
        sector=Sector.EXPRESS,
    )
    today = timezone.localdate()
    party_org_add(actor=admin, parent=committee, kind=OrgKind.BRANCH, name="快递小哥党支部", founded_on=today)
    party_org_add(
        actor=admin,
        parent=committee,
        kind=OrgKind.BRANCH,
        name="老支部",
        founded_on=today - timedelta(days=800),
    )
    rows = _table(territory_figures(user=admin), "本期新建新业态新就业群体党组织")
    assert rows["快递"].value == 1
    since = today - timedelta(days=900)
    rows = _table(territory_figures(user=admin, since=since), "本期新建新业态新就业群体党组织")
    assert rows["快递"].value == 2


def test_fallback_estates_are_counted_by_type_and_unserved_ones_listed(cast, world):
    old, bare = world.estates[0], world.estates[1]
    old.estate_type, old.property_mode = EstateType.OLD, PropertyMode.COUNTY_SOE
    old.save()
    bare.property_mode = PropertyMode.NONE
    bare.save()
    rows = _table(territory_figures(user=cast.county_admin), "按小区类型的兜底物业管理")
    assert rows["兜底管理：老旧小区"].value >= 1
    assert bare.name in rows["没有物业服务的小区"].note


def test_cross_appointments_are_listed_by_community_and_company(cast, world):
    from lianxin.people.models import Post
    from lianxin.people.roles import Role

    community = world.communities[0]
    company = world.property_companies[0]
    person = Person.objects.create(name="双向进入", area=community, area_path=community.path)
    Post.objects.create(
        person=person, role=Role.PROPERTY_STAFF, organisation=company, area_path=community.path
    )
    Post.objects.create(person=person, role=Role.COMMITTEE_MEMBER, area=community, area_path=community.path)
    rows = _table(territory_figures(user=cast.county_admin), "物业企业与社区两委交叉任职")
    assert rows[f"{community.name} · {company.name}"].value == 1
