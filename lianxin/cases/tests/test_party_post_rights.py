"""What a post in each kind of party organisation opens (issue 19): the party side of a place (working
committee, committee, joint committee, general branch, branch, building group) works that place as an area
post does; a sector committee reads its sector's cases and takes no step; the other kinds (task forces,
chain alliances, joint and mobile branches, offices, branches of a sector committee) open their own
organisation and nothing around it, whatever area they are anchored to. Pages and API alike."""

import uuid
from datetime import date

import pytest

from lianxin.areas.models import Area
from lianxin.cases import services
from lianxin.cases.models import State
from lianxin.party.models import Field, OrgKind, PartyOrg, Sector
from lianxin.people.models import Person, Post, User
from lianxin.people.roles import Role
from tests.cases_world import category

pytestmark = pytest.mark.django_db

SEES_AND_ACCEPTS, SEES_ONLY, NOTHING = "accepts", "sees", "nothing"


def _anchor(places, world, where: str) -> Area:
    return {
        "county": world.county,
        "street": places.street,
        "community": places.community,
        "estate": places.estate,
        "building": places.building,
    }[where]


# (kind, parent: "root" or "express", anchored to, field, what its secretary may do with a community case
# raised in the grid worker's estate and waiting in the community's pool)
KINDS = [
    (OrgKind.WORKING_COMMITTEE, "root", "street", Field.COMMUNITY, SEES_AND_ACCEPTS),
    (OrgKind.COMMITTEE, "root", "community", Field.COMMUNITY, SEES_AND_ACCEPTS),
    (OrgKind.JOINT_COMMITTEE, "root", "community", Field.COMMUNITY, SEES_AND_ACCEPTS),
    (OrgKind.GENERAL_BRANCH, "root", "community", Field.COMMUNITY, SEES_AND_ACCEPTS),
    # The estate's branch sees its estate's case; accepting is for the community that holds it.
    (OrgKind.BRANCH, "root", "estate", Field.COMMUNITY, SEES_ONLY),
    (OrgKind.GROUP, "root", "building", Field.COMMUNITY, NOTHING),
    (OrgKind.SECTOR_COMMITTEE, "root", "county", Field.SECTOR, SEES_ONLY),
    (OrgKind.TASK_FORCE, "root", "community", Field.RURAL, NOTHING),
    (OrgKind.CHAIN_ALLIANCE, "root", "county", Field.TWO_NEW, NOTHING),
    (OrgKind.JOINT_BRANCH, "root", "community", Field.TWO_NEW, NOTHING),
    (OrgKind.MOBILE_BRANCH, "express", "county", Field.TWO_NEW, NOTHING),
    (OrgKind.OFFICE, "root", "street", Field.COMMUNITY, NOTHING),
    # An enterprise's branch under a sector committee, registered at the county (the demo's company branches).
    (OrgKind.BRANCH, "express", "county", Field.TWO_NEW, NOTHING),
    # Even with a community field, a branch of a sector committee works for its sector, not its anchor.
    (OrgKind.BRANCH, "express", "community", Field.COMMUNITY, NOTHING),
]


def _secretary_of(org: PartyOrg) -> User:
    person = Person.objects.create(name=f"{org.get_kind_display()}书记")
    Post.objects.create(
        person=person,
        role=Role.SECRETARY,
        party_org=org,
        party_org_path=org.path,
        area_path=org.area_path,
        start_date=date(2024, 1, 1),
    )
    return User.objects.create(username=f"sec-{uuid.uuid4().hex[:10]}", person=person)


def _org(world, places, kind, parent, where, field) -> PartyOrg:
    parent_org = (
        PartyOrg.objects.get(kind=OrgKind.SECTOR_COMMITTEE, sector=Sector.EXPRESS)
        if parent == "express"
        else PartyOrg.objects.get(depth=1)
    )
    area = _anchor(places, world, where)
    values = {"kind": kind, "name": f"测试{kind}", "area": area, "area_path": area.path, "field": field}
    if kind == OrgKind.SECTOR_COMMITTEE:
        values["sector"] = Sector.EXPRESS
    return PartyOrg.objects.add_child(PartyOrg.objects.get(pk=parent_org.pk), values)


@pytest.mark.parametrize(("kind", "parent", "where", "field", "may"), KINDS)
def test_a_party_post_opens_what_its_organisation_kind_should(
    client, cast, places, world, clock, kind, parent, where, field, may
):
    case = services.case_report(
        cast.courier, category=category("courier"), area=places.estate, description="休息点没有热水"
    )
    assert case.state == State.REPORTED and case.handler_area == places.community
    secretary = _secretary_of(_org(world, places, kind, parent, where, field))
    client.force_login(secretary)

    page = client.get(f"/cases/{case.pk}/")
    api = client.get(f"/api/v1/cases/{case.pk}")
    seen = 404 if may == NOTHING else 200
    assert (page.status_code, api.status_code) == (seen, seen)

    accepted = client.post(f"/api/v1/cases/{case.pk}/accept", {}, content_type="application/json")
    expected = {SEES_AND_ACCEPTS: 200, SEES_ONLY: 403, NOTHING: 404}[may]
    assert accepted.status_code == expected, accepted.content
    step = client.post(f"/cases/{case.pk}/steps/accept/", {"idempotency_key": uuid.uuid4().hex})
    case.refresh_from_db()
    if may == SEES_AND_ACCEPTS:
        assert case.state == State.ACCEPTED
    else:
        assert step.status_code == {SEES_ONLY: 403, NOTHING: 404}[may]
        assert case.state == State.REPORTED


def test_the_county_sector_committee_reads_its_sector_but_is_no_county_post(client, cast, places, clock):
    """The reported hole: a member of the county express-sector committee accepted a case (200)."""
    express = services.case_report(
        cast.courier, category=category("courier"), area=places.estate, description="配送车辆进小区受阻"
    )
    other = services.case_report(
        cast.community_secretary,
        category=category("road_damage"),
        area=places.community,
        description="来电反映社区道路破损",
        channel="hotline",
    )
    committee = PartyOrg.objects.get(kind=OrgKind.SECTOR_COMMITTEE, sector=Sector.EXPRESS)
    assert committee.area_id == Area.objects.get_parent(places.street).pk  # anchored to the county
    member = Person.objects.create(name="行业党委委员")
    Post.objects.create(
        person=member,
        role=Role.COMMITTEE_MEMBER,
        party_org=committee,
        party_org_path=committee.path,
        area_path=committee.area_path,
        start_date=date(2024, 1, 1),
    )
    client.force_login(User.objects.create(username="express_member", person=member))

    assert client.get(f"/api/v1/cases/{express.pk}").status_code == 200
    assert client.get(f"/api/v1/cases/{other.pk}").status_code == 404
    refused = client.post(f"/api/v1/cases/{express.pk}/accept", {}, content_type="application/json")
    assert refused.status_code == 403
    assert client.get("/areas/").status_code in (200, 403)
    assert not Area.objects.restrict(User.objects.get(username="express_member")).exists()
