"""What each role reaches through /api/v1/persons/: the persons under his posts, or only himself."""

import pytest

from lianxin.core.scope import under
from lianxin.party.models import Membership
from lianxin.people.models import Person
from tests.api.helpers import assert_error, walk

pytestmark = pytest.mark.django_db


def _paths(items) -> list[str]:
    return list(Person.objects.filter(pk__in=[p["id"] for p in items]).values_list("area_path", flat=True))


def test_the_county_admin_lists_everyone_placed_in_the_county(api_as, world):
    persons = walk(api_as("county_admin"), "/api/v1/persons/")

    assert len(persons) == Person.objects.filter(under("area_path", world.county.path)).count()
    assert any(path.startswith(world.streets[1].path) for path in _paths(persons))
    assert any(path.startswith(world.townships[0].path) for path in _paths(persons))


def test_the_street_secretary_lists_only_persons_of_his_street(api_as, world, cast):
    client = api_as("street_secretary")
    mine, other = world.streets
    stranger = Person.objects.filter(under("area_path", other.path)).first()

    persons = walk(client, "/api/v1/persons/")

    assert persons
    assert all(path.startswith(mine.path) for path in _paths(persons))
    assert_error(client.get(f"/api/v1/persons/{stranger.pk}"), 404, "not_found")


def test_the_grid_worker_lists_only_persons_of_his_estate(api_as, world):
    client = api_as("grid_worker")
    estate, other = world.estates[0], world.estates[1]
    neighbour_estate_person = Person.objects.filter(under("area_path", other.path)).first()

    persons = walk(client, "/api/v1/persons/")

    assert persons
    assert all(path.startswith(estate.path) for path in _paths(persons))
    assert_error(client.get(f"/api/v1/persons/{neighbour_estate_person.pk}"), 404, "not_found")


def test_a_resident_sees_his_own_record_and_nobody_else(api_as, cast):
    client = api_as("resident")
    me = cast.resident.person
    neighbour = Person.objects.filter(household=me.household).exclude(pk=me.pk).first()

    persons = walk(client, "/api/v1/persons/")

    assert [p["id"] for p in persons] == [me.pk]
    assert client.get(f"/api/v1/persons/{me.pk}").json()["name"] == me.name
    assert_error(client.get(f"/api/v1/persons/{neighbour.pk}"), 404, "not_found")


def test_the_system_administrator_sees_no_resident(api_as, cast, world):
    client = api_as("sysadmin")
    resident = cast.resident.person

    persons = walk(client, "/api/v1/persons/")

    # His own record, as every account has; no one else's (三员分立: administrators read no residents).
    assert [p["id"] for p in persons] == [cast.sysadmin.person_id]
    assert_error(client.get(f"/api/v1/persons/{resident.pk}"), 404, "not_found")
    assert walk(client, "/api/v1/persons/", q=resident.name) == []


def test_the_area_filter_narrows_to_the_area_and_refuses_one_outside_the_scope(api_as, world):
    client = api_as("street_secretary")
    estate = world.estates[0]

    persons = walk(client, "/api/v1/persons/", area=estate.pk)

    assert persons
    assert all(path.startswith(estate.path) for path in _paths(persons))
    assert_error(client.get("/api/v1/persons/", {"area": world.streets[1].pk}), 404, "not_found")


def test_a_person_is_found_by_part_of_his_name(api_as, cast):
    resident = cast.resident.person

    found = walk(api_as("grid_worker"), "/api/v1/persons/", q=resident.name[1:])

    assert resident.pk in [p["id"] for p in found]


def test_a_persons_detail_shows_only_the_posts_the_caller_may_see(api_as, cast):
    grid_worker = cast.grid_worker.person

    by_county_admin = api_as("county_admin").get(f"/api/v1/persons/{grid_worker.pk}").json()

    assert [post["role"] for post in by_county_admin["posts"]] == ["grid_worker"]
    assert by_county_admin["posts"][0]["role_label"]


def test_a_members_detail_names_the_organisation_holding_his_membership(api_as, world):
    membership = (
        Membership.objects.current()
        .filter(is_home=True, area_path__startswith=world.estates[0].path)
        .select_related("org")
        .first()
    )

    detail = api_as("grid_worker").get(f"/api/v1/persons/{membership.person_id}").json()

    home = [m for m in detail["memberships"] if m["is_home"]]
    assert [(m["org_id"], m["org_name"]) for m in home] == [(membership.org_id, membership.org.name)]
