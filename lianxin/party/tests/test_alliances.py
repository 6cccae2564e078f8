"""P003-31–34: industry-chain alliances, their members' roles and warnings, the chain category dictionary
and its counts, and ordered chain segments with members placed on them."""

import pytest

from lianxin.audit.models import AuditRecord
from lianxin.core.errors_domain import DomainError
from lianxin.party.models import OrgKind, PartyOrg
from lianxin.party.models.alliances import AllianceMember, AllianceRole, ChainCategory, ChainSegment
from lianxin.party.services.alliances import (
    alliance_figures,
    alliance_member_add,
    alliance_warnings,
    chain_segment_add,
)

pytestmark = pytest.mark.django_db


def _alliance():
    return PartyOrg.objects.get(kind=OrgKind.CHAIN_ALLIANCE)


def test_the_231_dictionary_is_there_and_configurable_by_the_system_administrator(client_as):
    groups = list(dict.fromkeys(ChainCategory.objects.values_list("group", flat=True)))
    assert groups == ["两大优势产业", "三大新兴产业", "一大特色产业"]
    assert ChainCategory.objects.count() == 6
    assert client_as("sysadmin").get("/admin/party/chaincategory/").status_code == 200
    assert client_as("county_admin").get("/admin/party/chaincategory/").status_code in (302, 403)


def test_figures_count_alliances_enterprises_counties_and_categories(cast, world):
    figures = alliance_figures(user=cast.county_admin)
    assert figures.alliances == 1
    assert figures.enterprises == 4
    assert figures.counties_without == []
    assert ("两大优势产业", "高端化工", 1) in figures.by_category
    assert dict(figures.by_group)["两大优势产业"] == 1
    assert dict(figures.by_group)["三大新兴产业"] == 0
    # A street secretary sees no county alliance.
    assert alliance_figures(user=cast.street_secretary).alliances == 0


def test_warnings_name_the_missing_founders(cast, world):
    alliance = _alliance()
    assert [str(w) for w in alliance_warnings(alliance=alliance)] == ["未记录龙头企业党组织。"]
    leading = PartyOrg.objects.filter(kind=OrgKind.BRANCH).first()
    alliance_member_add(
        actor=cast.county_admin, alliance=alliance, role=AllianceRole.LEADING_ENTERPRISE, party_org=leading
    )
    assert alliance_warnings(alliance=alliance) == []
    AllianceMember.objects.filter(alliance=alliance, role=AllianceRole.LEAD_DEPARTMENT).delete()
    assert [str(w) for w in alliance_warnings(alliance=alliance)] == ["未记录产业链牵头部门。"]
    with pytest.raises(DomainError):
        alliance_member_add(actor=cast.county_admin, alliance=alliance, role=AllianceRole.LEAD_DEPARTMENT)
    with pytest.raises(DomainError):
        alliance_member_add(actor=cast.county_admin, alliance=alliance, role=AllianceRole.MEMBER_ENTERPRISE)


def test_segments_are_ordered_and_a_segment_can_be_inserted_upstream(cast, world):
    alliance = _alliance()
    chain_segment_add(actor=cast.county_admin, alliance=alliance, name="原煤开采", position=1)
    names = list(
        ChainSegment.objects.filter(alliance=alliance).order_by("position").values_list("name", flat=True)
    )
    assert names == ["原煤开采", "煤化工", "燃料化工", "焦化产品深加工", "合成材料"]
    chain_segment_add(actor=cast.county_admin, alliance=alliance, name="终端应用")
    assert ChainSegment.objects.get(alliance=alliance, name="终端应用").position == 6
    with pytest.raises(DomainError):
        chain_segment_add(actor=cast.county_admin, alliance=alliance, name="煤化工")
    with pytest.raises(DomainError):
        chain_segment_add(actor=cast.street_secretary, alliance=alliance, name="别的")


def test_the_alliance_pages_show_the_chain_and_take_members(cast, world, client_as):
    alliance = _alliance()
    client = client_as("county_admin")
    listing = client.get("/party/alliances/").content.decode()
    assert alliance.name in listing and "高端化工" in listing and "未记录龙头企业党组织" in listing
    page = client.get(f"/party/alliances/{alliance.pk}/").content.decode()
    assert page.index("煤化工") < page.index("燃料化工") < page.index("合成材料")
    assert "巨川焦化科技" in page

    segment = ChainSegment.objects.get(alliance=alliance, name="合成材料")
    enterprise = world.express_company
    response = client.post(
        f"/party/alliances/{alliance.pk}/members/",
        {"role": AllianceRole.MEMBER_ENTERPRISE, "enterprise": enterprise.pk, "segment": segment.pk},
    )
    assert response.status_code == 302
    member = AllianceMember.objects.get(alliance=alliance, enterprise=enterprise)
    assert member.segment == segment
    assert AuditRecord.objects.filter(object_type="party.alliancemember", object_id=str(member.pk)).exists()
    empty = client.post(f"/party/alliances/{alliance.pk}/members/", {})
    assert empty.status_code == 400
    assert "请选择成员的角色" in empty.content.decode()
    moved = client.post(
        f"/party/alliances/{alliance.pk}/members/{member.pk}/segment/",
        {"segment": ChainSegment.objects.get(alliance=alliance, name="煤化工").pk},
    )
    assert moved.status_code == 302
    member.refresh_from_db()
    assert member.segment.name == "煤化工"
    category = ChainCategory.objects.get(code="new_materials")
    assert (
        client.post(f"/party/alliances/{alliance.pk}/category/", {"category": category.pk}).status_code == 302
    )
    assert alliance_figures(user=cast.county_admin).by_category[4] == ("三大新兴产业", "新材料", 1)
    # Outside the county's scope the alliance does not exist.
    assert client_as("street_secretary").get(f"/party/alliances/{alliance.pk}/").status_code == 404
    assert (
        client_as("street_secretary")
        .post(f"/party/alliances/{alliance.pk}/segments/", {"name": "x"})
        .status_code
        == 404
    )


def test_the_alliance_api(cast, world, client_as):
    alliance = _alliance()
    client = client_as("county_admin")
    listed = client.get("/api/v1/alliances/").json()
    assert listed[0]["category"] == "高端化工" and listed[0]["enterprises"] == 4
    detail = client.get(f"/api/v1/alliances/{alliance.pk}").json()
    assert [s["name"] for s in detail["chain"] if s["id"]] == [
        "煤化工",
        "燃料化工",
        "焦化产品深加工",
        "合成材料",
    ]
    assert detail["chain"][-1]["members"][0]["role"] == "lead_department"  # not placed on a segment
    assert detail["warnings"] == ["未记录龙头企业党组织。"]

    added = client.post(
        f"/api/v1/alliances/{alliance.pk}/segments",
        {"name": "精细化工", "position": 2},
        content_type="application/json",
    )
    assert added.status_code == 201
    assert [s["name"] for s in added.json()["chain"]][:3] == ["煤化工", "精细化工", "燃料化工"]
    leading = PartyOrg.objects.filter(kind=OrgKind.BRANCH).first()
    member = client.post(
        f"/api/v1/alliances/{alliance.pk}/members",
        {"role": "leading_enterprise", "party_org_id": leading.pk},
        content_type="application/json",
    )
    assert member.status_code == 201
    assert client.get(f"/api/v1/alliances/{alliance.pk}").json()["warnings"] == []
    bad = client.post(
        f"/api/v1/alliances/{alliance.pk}/members",
        {"role": "member_enterprise"},
        content_type="application/json",
    )
    assert bad.status_code == 400
    category = client.post(
        f"/api/v1/alliances/{alliance.pk}/category",
        {"category": "pharmaceuticals"},
        content_type="application/json",
    )
    assert category.json()["category"] == "生物医药"
    figures = client.get("/api/v1/alliances/figures").json()
    assert figures["by_group"]["一大特色产业"] == 1
    other = client_as("community_secretary")
    assert other.get(f"/api/v1/alliances/{alliance.pk}").status_code == 404
    assert (
        other.post(
            f"/api/v1/alliances/{alliance.pk}/segments", {"name": "x"}, content_type="application/json"
        ).status_code
        == 404
    )
