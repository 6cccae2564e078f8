"""The estate page and GET /api/v1/areas/{id}/estate show the branch secretary, the owners' committee
director and whether they are one person (P004-10), and whether branch and committee have a plaque and
operate physically (P004-07) — the same facts the figures page counts (issue 19)."""

from datetime import date

from lianxin.areas.models import Area
from lianxin.party.figures.organisation import mature_estates_without_joint_secretary
from lianxin.party.models import Membership, OrgKind, PartyOrg
from lianxin.people.models import Organisation, OrganisationKind, Post
from lianxin.people.roles import Role


def _estate_with_committee(world):
    # The small world gives every other estate an owners' committee; estate 0 (the grid worker's) has one.
    estate = world.estates[0]
    committee = Organisation.objects.get(kind=OrganisationKind.OWNERS_COMMITTEE, estate=estate)
    branch = PartyOrg.objects.get(area=estate, kind=OrgKind.BRANCH)
    return estate, committee, branch


def test_the_estate_page_and_api_show_whether_the_secretary_directs_the_owners_committee(
    client_as, cast, world
):
    estate, committee, branch = _estate_with_committee(world)
    Area.objects.filter(pk=estate.pk).update(is_mature=True)
    PartyOrg.objects.filter(pk=branch.pk).update(
        has_plaque=True, office_place="物业楼一层", operating_since=date(2024, 5, 1)
    )
    Organisation.objects.filter(pk=committee.pk).update(has_plaque=False)
    member = Membership.objects.current().filter(org=branch).order_by("id").first().person
    Post.objects.create(
        person=member,
        role=Role.SECRETARY,
        party_org=branch,
        party_org_path=branch.path,
        start_date=date(2025, 1, 1),
    )
    client = client_as("community_secretary")

    html = client.get(f"/areas/{estate.pk}/").content.decode()
    block = html[html.index('data-testid="estate-governance"') :]
    assert member.name in block[:400] and "成熟小区：书记未兼任业委会主任" in block[:600]
    plaques = html[html.index('data-testid="estate-plaques"') :][:400]
    assert "物业楼一层" in plaques and "2024-05-01" in plaques
    body = client.get(f"/api/v1/areas/{estate.pk}/estate").json()
    assert body["branch_secretary"]["name"] == member.name
    assert body["secretary_directs_committee"] is False and body["both_plaques"] is False
    assert estate.name in [
        str(r.label) for r in mature_estates_without_joint_secretary(user=cast.county_admin)
    ]

    Post.objects.create(
        person=member,
        role=Role.OWNERS_COMMITTEE_DIRECTOR,
        organisation=committee,
        area=estate,
        area_path=estate.path,
        start_date=date(2025, 1, 1),
    )
    html = client.get(f"/areas/{estate.pk}/").content.decode()
    assert "书记兼任业委会主任" in html[html.index('data-testid="estate-governance"') :][:600]
    assert client.get(f"/api/v1/areas/{estate.pk}/estate").json()["secretary_directs_committee"] is True
    assert estate.name not in [
        str(r.label) for r in mature_estates_without_joint_secretary(user=cast.county_admin)
    ]


def test_the_estate_api_is_404_for_other_levels_and_outside_the_scope(client_as, world):
    assert client_as("county_admin").get(f"/api/v1/areas/{world.communities[0].pk}/estate").status_code == 404
    assert client_as("building_captain").get(f"/api/v1/areas/{world.estates[0].pk}/estate").status_code == 404
