"""What each role reaches through /api/v1/areas/: the same areas as on the pages, and no others."""

import pytest

from lianxin.areas.models import Area
from lianxin.core.scope import under
from tests.api.helpers import assert_chinese, assert_error, walk

pytestmark = pytest.mark.django_db


def test_the_county_admin_starts_from_the_county_and_reaches_every_street(api_as, world):
    client = api_as("county_admin")

    tops = client.get("/api/v1/areas/").json()["items"]
    subtree = walk(client, f"/api/v1/areas/{world.county.pk}/subtree")

    assert [area["id"] for area in tops] == [world.county.pk]
    assert {street.pk for street in world.streets + world.townships} <= {area["id"] for area in subtree}
    assert len(subtree) == Area.objects.filter(under("path", world.county.path)).count()


def test_the_street_secretary_sees_his_street_and_not_the_other_one(api_as, world):
    client = api_as("street_secretary")
    mine, other = world.streets

    tops = client.get("/api/v1/areas/").json()["items"]

    assert [area["id"] for area in tops] == [mine.pk]
    assert client.get(f"/api/v1/areas/{mine.pk}").status_code == 200
    refused = assert_error(client.get(f"/api/v1/areas/{other.pk}"), 404, "not_found")
    assert_chinese(refused["message"])
    assert_error(client.get(f"/api/v1/areas/{world.county.pk}"), 404, "not_found")
    assert_error(client.get(f"/api/v1/areas/{other.pk}/children"), 404, "not_found")


def test_the_grid_worker_sees_only_his_estate_and_what_lies_under_it(api_as, world):
    client = api_as("grid_worker")
    estate, other = world.estates[0], world.estates[1]

    tops = client.get("/api/v1/areas/").json()["items"]
    subtree = walk(client, f"/api/v1/areas/{estate.pk}/subtree")

    assert [area["id"] for area in tops] == [estate.pk]
    assert subtree[0]["id"] == estate.pk
    assert all(Area.objects.get(pk=area["id"]).path.startswith(estate.path) for area in subtree)
    assert_error(client.get(f"/api/v1/areas/{other.pk}"), 404, "not_found")
    assert_error(client.get(f"/api/v1/areas/{other.pk}/subtree"), 404, "not_found")


def test_a_resident_sees_no_area_at_all(api_as, world):
    client = api_as("resident")

    assert client.get("/api/v1/areas/").json() == {"items": [], "next_cursor": None}
    assert_error(client.get(f"/api/v1/areas/{world.estates[0].pk}"), 404, "not_found")


def test_children_are_the_next_level_down_in_tree_order(api_as, world):
    client = api_as("county_admin")

    children = walk(client, f"/api/v1/areas/{world.county.pk}/children")

    expected = Area.objects.filter(under("path", world.county.path), depth=world.county.depth + 1)
    assert [area["id"] for area in children] == list(expected.order_by("path").values_list("pk", flat=True))
    assert {area["parent_id"] for area in children} == {world.county.pk}


def test_an_area_is_found_by_its_code_only_inside_the_scope(api_as, world):
    client = api_as("grid_worker")

    found = client.get(f"/api/v1/areas/by-code/{world.estates[0].code}")

    assert found.json()["id"] == world.estates[0].pk
    assert_error(client.get(f"/api/v1/areas/by-code/{world.estates[1].code}"), 404, "not_found")
    assert_error(client.get("/api/v1/areas/by-code/no-such-code"), 404, "not_found")


def test_a_parent_outside_the_scope_is_not_named(api_as, world):
    estate = api_as("grid_worker").get(f"/api/v1/areas/{world.estates[0].pk}").json()
    street = api_as("county_admin").get(f"/api/v1/areas/{world.streets[0].pk}").json()

    assert estate["parent_id"] is None
    assert street["parent_id"] == world.county.pk


def test_an_area_carries_its_level_in_chinese_and_its_place_in_the_tree(api_as, world):
    area = api_as("county_admin").get(f"/api/v1/areas/{world.streets[0].pk}").json()

    assert area["code"] == world.streets[0].code
    assert area["level"] == "street"
    assert area["level_label"] == str(world.streets[0].get_level_display())
    assert area["depth"] == world.streets[0].depth
    assert set(area["counts"]) == {"households", "persons", "population", "members", "party_orgs", "posts"}
