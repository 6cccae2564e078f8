"""Person search: by name or exact number, within scope, masked, paginated."""

import re

import pytest

from lianxin.people.models import Person

pytestmark = pytest.mark.django_db


def found(html: str) -> set[int]:
    return {int(pk) for pk in re.findall(r'<td><a href="/people/(\d+)/">', html)}


@pytest.fixture
def neighbour(world):
    """A resident of the grid worker's estate with both numbers recorded."""
    return (
        Person.objects.filter(area_path__startswith=world.estates[0].path, household__isnull=False)
        .exclude(mobile_index="")
        .exclude(id_number_index="")
        .order_by("id")
        .first()
    )


def test_a_name_finds_the_persons_whose_name_contains_it(client_as, neighbour):
    html = client_as("grid_worker").get("/people/", {"q": neighbour.name[1:]}).content.decode()

    assert neighbour.pk in found(html)
    assert all(neighbour.name[1:] in p.name for p in Person.objects.filter(pk__in=found(html)))


def test_a_complete_mobile_number_finds_its_owner_however_it_is_typed(client_as, neighbour):
    client = client_as("grid_worker")
    number = neighbour.mobile

    for typed in (number, f"+86 {number[:3]} {number[3:7]} {number[7:]}", f"{number[:3]}-{number[3:]}"):
        assert found(client.get("/people/", {"q": typed}).content.decode()) == {neighbour.pk}, typed


def test_a_complete_id_number_finds_its_owner(client_as, neighbour):
    html = client_as("grid_worker").get("/people/", {"q": neighbour.id_number.lower()}).content.decode()

    assert found(html) == {neighbour.pk}


def test_part_of_a_number_finds_nobody_and_says_why(client_as, neighbour):
    html = client_as("grid_worker").get("/people/", {"q": neighbour.mobile[:7]}).content.decode()

    assert found(html) == set()
    assert 'class="empty-state"' in html


def test_the_results_show_numbers_masked_and_never_in_full(client_as, neighbour):
    html = client_as("grid_worker").get("/people/", {"q": neighbour.mobile}).content.decode()

    assert neighbour.mobile_masked in html
    assert neighbour.id_number_masked in html
    assert neighbour.mobile not in html.replace(f'value="{neighbour.mobile}"', "")
    assert neighbour.id_number not in html


def test_the_street_secretary_does_not_find_people_of_the_other_street(client_as, world):
    stranger = (
        Person.objects.filter(area_path__startswith=world.streets[1].path).exclude(mobile_index="").first()
    )
    client = client_as("street_secretary")

    assert found(client.get("/people/", {"q": stranger.mobile}).content.decode()) == set()
    assert stranger.pk not in found(client.get("/people/", {"q": stranger.name}).content.decode())


def test_the_grid_worker_lists_only_the_people_of_his_estate(client_as, world):
    estate = world.estates[0]
    client = client_as("grid_worker")
    listed = set()
    for page in (1, 2, 3):
        listed |= found(client.get("/people/", {"page": page}).content.decode())

    assert listed == set(
        Person.objects.filter(area_path__startswith=estate.path).values_list("pk", flat=True)
    )


def test_a_resident_and_the_system_administrator_find_only_themselves(client_as, cast, neighbour):
    for username in ("resident", "sysadmin"):
        client = client_as(username)

        assert found(client.get("/people/").content.decode()) == {cast[username].person_id}
        assert found(client.get("/people/", {"q": neighbour.mobile}).content.decode()) == set()


def test_the_search_can_be_kept_to_an_area(client_as, world):
    estate = world.estates[1]
    client = client_as("community_secretary")
    listed = set()
    for page in (1, 2, 3):
        listed |= found(client.get("/people/", {"area": estate.pk, "page": page}).content.decode())

    assert listed == set(
        Person.objects.filter(area_path__startswith=estate.path).values_list("pk", flat=True)
    )
    assert len(listed) < Person.objects.filter(area_path__startswith=world.communities[0].path).count()


def test_an_area_outside_the_scope_or_unknown_gives_404(client_as, world):
    client = client_as("grid_worker")

    assert client.get("/people/", {"area": world.estates[1].pk}).status_code == 404
    assert client.get("/people/", {"area": "x"}).status_code == 404


def test_the_person_search_is_in_the_menu_of_users_with_an_area_post_only(client_as):
    assert 'href="/people/"' in client_as("grid_worker").get("/").content.decode()
    assert 'href="/people/"' not in client_as("resident").get("/").content.decode()
