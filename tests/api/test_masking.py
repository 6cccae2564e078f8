"""Personal numbers leave the API masked, in lists and details, even when they were searched for in full."""

import pytest

from lianxin.people.models import Person
from tests.api.helpers import walk

pytestmark = pytest.mark.django_db


@pytest.fixture
def numbered(cast):
    """A resident with both numbers recorded."""
    person = cast.resident.person
    if not person.id_number:
        person.set_id_number("379901198501021234")
        person.save()
    return person


def test_a_list_shows_masked_numbers_and_never_the_full_ones(api_as, numbered):
    client = api_as("grid_worker")

    response = client.get("/api/v1/persons/", {"q": numbered.name, "limit": 200})
    body = response.content.decode()

    assert numbered.mobile_masked in body
    assert numbered.id_number_masked in body
    assert numbered.mobile not in body
    assert numbered.id_number not in body


def test_a_detail_shows_masked_numbers_even_to_a_post_that_may_open_them_on_the_page(api_as, numbered):
    response = api_as("grid_worker").get(f"/api/v1/persons/{numbered.pk}")
    body = response.content.decode()

    assert response.json()["mobile_masked"] == numbered.mobile_masked
    assert numbered.mobile not in body
    assert numbered.id_number not in body


def test_searching_by_the_full_mobile_finds_the_person_without_echoing_the_number(api_as, numbered):
    response = api_as("grid_worker").get("/api/v1/persons/", {"q": numbered.mobile})

    assert [p["id"] for p in response.json()["items"]] == [numbered.pk]
    assert numbered.mobile not in response.content.decode()


def test_no_number_of_anybody_in_the_county_appears_in_full(api_as, world):
    items = walk(api_as("county_admin"), "/api/v1/persons/")
    persons = Person.objects.filter(pk__in=[p["id"] for p in items]).exclude(mobile="")
    shown = {p["id"]: p["mobile_masked"] for p in items}

    assert persons.exists()
    assert all(shown[person.pk] != person.mobile and "****" in shown[person.pk] for person in persons)
