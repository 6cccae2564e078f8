"""What each role reaches through /api/v1/party-orgs/."""

import pytest

from lianxin.core.scope import under
from lianxin.party.models import OrgKind, PartyOrg
from tests.api.helpers import assert_error, walk

pytestmark = pytest.mark.django_db


def test_the_street_secretary_starts_from_his_working_committee(api_as, world):
    client = api_as("street_secretary")
    committee, other_committee = world.working_committees[0], world.working_committees[1]

    tops = client.get("/api/v1/party-orgs/").json()["items"]

    assert [org["id"] for org in tops] == [committee.pk]
    assert tops[0]["kind"] == OrgKind.WORKING_COMMITTEE
    assert_error(client.get(f"/api/v1/party-orgs/{other_committee.pk}"), 404, "not_found")


def test_the_children_of_an_organisation_are_the_next_level_with_their_member_counts(api_as, world):
    client = api_as("county_admin")
    committee = world.working_committees[0]

    children = walk(client, f"/api/v1/party-orgs/{committee.pk}/children")

    expected = PartyOrg.objects.filter(under("path", committee.path), depth=committee.depth + 1)
    assert [org["id"] for org in children] == list(expected.order_by("path").values_list("pk", flat=True))
    assert {org["parent_id"] for org in children} == {committee.pk}
    assert sum(org["counts"]["members_subtree"] for org in children) > 0


def test_an_organisations_members_in_its_subtree_include_its_childrens(api_as, world):
    client = api_as("county_admin")
    committee = world.working_committees[0]

    org = client.get(f"/api/v1/party-orgs/{committee.pk}").json()
    children = walk(client, f"/api/v1/party-orgs/{committee.pk}/children")

    assert org["counts"]["members_subtree"] == org["counts"]["members_here"] + sum(
        child["counts"]["members_subtree"] for child in children
    )


def test_the_grid_worker_sees_the_branch_of_his_estate_and_not_the_street_above(api_as, world):
    client = api_as("grid_worker")

    tops = client.get("/api/v1/party-orgs/").json()["items"]

    assert tops
    assert all(PartyOrg.objects.get(pk=org["id"]).area_path.startswith(world.estates[0].path) for org in tops)
    assert_error(client.get(f"/api/v1/party-orgs/{world.working_committees[0].pk}"), 404, "not_found")


def test_a_resident_sees_no_party_organisation(api_as, world):
    client = api_as("resident")

    assert client.get("/api/v1/party-orgs/").json()["items"] == []
    assert_error(
        client.get(f"/api/v1/party-orgs/{world.working_committees[0].pk}/children"), 404, "not_found"
    )
