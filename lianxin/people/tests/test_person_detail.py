"""A person's page: masked numbers, household, tags, employer, posts and memberships; scoped."""

import pytest

from lianxin.party.models import Membership
from lianxin.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def neighbour(world):
    return (
        Person.objects.filter(area_path__startswith=world.estates[0].path, household__isnull=False)
        .exclude(mobile_index="")
        .exclude(id_number_index="")
        .order_by("id")
        .first()
    )


def test_the_page_shows_the_numbers_masked_and_the_household(client_as, neighbour):
    html = client_as("grid_worker").get(f"/people/{neighbour.pk}/").content.decode()

    assert neighbour.mobile_masked in html
    assert neighbour.id_number_masked in html
    assert neighbour.mobile not in html
    assert neighbour.id_number not in html
    assert neighbour.household.address in html


def test_the_page_shows_the_persons_posts_memberships_employer_and_tags(client_as, cast, world):
    courier = cast.courier.person
    html = client_as("community_secretary").get(f"/people/{courier.pk}/").content.decode()

    assert courier.employer.name in html
    assert courier.tags.first().name in html
    assert 'data-testid="person-posts"' in html

    member = Membership.objects.current().filter(area_path__startswith=world.estates[0].path).first()
    member_html = client_as("grid_worker").get(f"/people/{member.person_id}/").content.decode()
    assert member.org.name in member_html.split('data-testid="person-memberships"')[1]


def test_a_person_outside_the_scope_gives_404(client_as, world):
    stranger = Person.objects.filter(area_path__startswith=world.estates[1].path).first()

    assert client_as("grid_worker").get(f"/people/{stranger.pk}/").status_code == 404
    assert client_as("street_secretary").get(f"/people/{stranger.pk}/").status_code == 200


def test_a_resident_opens_his_own_page_and_nobody_elses(client_as, cast, neighbour):
    client = client_as("resident")

    assert client.get(f"/people/{cast.resident.person_id}/").status_code == 200
    assert client.get(f"/people/{neighbour.pk}/").status_code == 404


def test_the_system_administrator_sees_no_residents_page(client_as, neighbour):
    assert client_as("sysadmin").get(f"/people/{neighbour.pk}/").status_code == 404


def test_bad_person_ids_give_404_not_500(client_as):
    client = client_as("county_admin")

    assert client.get("/people/999999/").status_code == 404
    assert client.get("/people/abc/").status_code == 404
    assert client.post("/people/999999/reveal/", {"field": "mobile", "reason": "x"}).status_code == 404
