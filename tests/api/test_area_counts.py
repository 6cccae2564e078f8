"""The figures an area carries are counted from what the caller may see, as on the pages."""

import pytest

from tests.api.helpers import walk

pytestmark = pytest.mark.django_db


def test_an_areas_person_count_is_the_persons_the_same_caller_can_list_under_it(api_as, world):
    client = api_as("street_secretary")
    street = world.streets[0]

    area = client.get(f"/api/v1/areas/{street.pk}").json()
    persons = walk(client, "/api/v1/persons/", area=street.pk)

    assert area["counts"]["persons"] == len(persons) > 0


def test_a_narrower_post_counts_fewer_persons_in_the_same_estate(api_as, world):
    estate = world.estates[0]

    by_grid_worker = api_as("grid_worker").get(f"/api/v1/areas/{estate.pk}").json()["counts"]
    by_building_captain = api_as("building_captain").get("/api/v1/areas/").json()["items"][0]["counts"]

    assert by_building_captain["persons"] < by_grid_worker["persons"]
    assert by_building_captain["households"] < by_grid_worker["households"]
