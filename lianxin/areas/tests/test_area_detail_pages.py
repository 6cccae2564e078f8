"""An area's page: facts by level, its posts, places and party organisations, scoped, and 404 outside."""

import re

import pytest

from lianxin.areas.models import Area, Household, Level
from lianxin.people.models import Person, Post
from lianxin.people.roles import Role

pytestmark = pytest.mark.django_db


def fact(html: str, testid: str) -> str:
    match = re.search(rf'data-testid="{testid}">(.*?)</dd>', html, flags=re.S)
    return re.sub(r"<[^>]+>", "", match.group(1)).strip() if match else ""


def section(html: str, testid: str) -> str:
    start = html.index(f'data-testid="{testid}"')
    return html[start : html.index("</section>", start)]


def registered(area: Area) -> int:
    return Person.objects.filter(household__area_path__startswith=area.path).count()


def test_a_community_page_shows_planned_against_recorded_households_and_its_brand(client_as, world):
    community = world.communities[0]
    html = client_as("community_secretary").get(f"/areas/{community.pk}/").content.decode()

    recorded = Household.objects.filter(area_path__startswith=community.path).count()
    assert community.brand
    assert community.brand in html
    assert fact(html, "actual-households").startswith(str(recorded))
    assert f"{recorded / community.planned_households * 100:.1f}%" in fact(html, "actual-households")


def test_registered_population_is_shown_beside_the_official_figure_with_the_share(client_as, world):
    community = world.communities[0]
    Area.objects.filter(pk=community.pk).update(official_population=200)
    html = client_as("community_secretary").get(f"/areas/{community.pk}/").content.decode()

    shown = fact(html, "registered-population")
    assert shown.startswith(str(registered(community)))
    assert f"{registered(community) / 200 * 100:.1f}%" in shown


def test_an_estate_page_shows_its_type_property_mode_and_maturity(client_as, world):
    estate = world.estates[0]
    html = client_as("grid_worker").get(f"/areas/{estate.pk}/").content.decode()

    facts = section(html, "area-facts")
    assert str(estate.get_estate_type_display()) in facts
    assert str(estate.get_property_mode_display()) in facts


def test_a_cluster_page_shows_its_villages_and_population_and_warns_outside_three_to_five(client_as, world):
    client = client_as("county_admin")
    html = client.get(f"/areas/{world.cluster.pk}/").content.decode()

    assert fact(html, "cluster-villages") == "4"
    assert fact(html, "cluster-population") == str(registered(world.cluster))
    assert 'data-testid="cluster-warning"' not in html

    small = Area.objects.add_child(
        Area.objects.get(pk=world.townships[0].pk),
        {"level": Level.CLUSTER, "code": "379901101000-C009", "name": "试点片区"},
    )
    warned = client.get(f"/areas/{small.pk}/").content.decode()
    assert 'data-testid="cluster-warning"' in warned


def test_the_posts_of_an_area_are_those_held_over_that_very_node(client_as, cast, world):
    community = world.communities[0]
    html = client_as("community_secretary").get(f"/areas/{community.pk}/").content.decode()

    posts = section(html, "area-posts")
    assert cast.community_secretary.person.name in posts
    assert cast.grid_worker.person.name not in posts  # his post is over an estate below
    held = Post.objects.current().filter(area=community).count()
    assert posts.count("<tr>") - 1 == held


def test_an_area_page_lists_its_places_and_the_party_organisations_anchored_there(client_as, world):
    community = world.communities[0]
    html = client_as("community_secretary").get(f"/areas/{community.pk}/").content.decode()

    assert f"{community.name}党群服务中心" in section(html, "area-places")
    assert f"中共{community.name}委员会" in section(html, "area-party-orgs")


def test_a_building_page_lists_its_households_and_links_to_lists_of_everything_under_it(client_as, world):
    building = Area.objects.filter(path__startswith=world.estates[0].path, level=Level.BUILDING).first()
    html = client_as("building_captain").get(f"/areas/{building.pk}/").content.decode()

    assert 'data-testid="household-table"' in html
    assert f'href="/areas/{building.pk}/households/"' in html
    assert f'href="/people/?area={building.pk}"' in html
    assert f'href="/areas/{building.pk}/posts/"' in html


def test_a_street_page_has_no_household_table(client_as, world):
    html = client_as("street_secretary").get(f"/areas/{world.streets[0].pk}/").content.decode()

    assert 'data-testid="household-table"' not in html


@pytest.mark.parametrize(
    "username, allowed",
    [
        ("county_admin", {"county", "street", "other_street", "estate", "other_estate"}),
        ("street_secretary", {"street", "estate", "other_estate"}),
        ("community_secretary", {"estate", "other_estate"}),
        ("grid_worker", {"estate"}),
        ("resident", set()),
        ("sysadmin", set()),
        ("auditor", set()),
    ],
)
def test_each_role_opens_the_area_pages_of_its_scope_and_gets_404_elsewhere(
    client_as, world, username, allowed
):
    places = {
        "county": world.county,
        "street": world.streets[0],
        "other_street": world.streets[1],
        "estate": world.estates[0],
        "other_estate": world.estates[1],
    }
    client = client_as(username)
    for key, area in places.items():
        status = client.get(f"/areas/{area.pk}/").status_code
        assert status == (200 if key in allowed else 404), (username, key, status)


def test_the_post_list_of_an_area_covers_its_subtree_and_nothing_beside_it(client_as, world):
    mine, other = world.streets
    inside = Post.objects.current().filter(area_path__startswith=mine.path, role=Role.GRID_WORKER).first()
    outside = Post.objects.current().filter(area_path__startswith=other.path, role=Role.GRID_WORKER).first()
    html = client_as("street_secretary").get(f"/areas/{mine.pk}/posts/?role=grid_worker").content.decode()

    assert inside.person.name in html
    assert outside.person.name not in html
    grid_workers = Post.objects.current().filter(area_path__startswith=mine.path, role=Role.GRID_WORKER)
    assert html.split('data-testid="post-table"')[1].count("<tr>") - 1 == grid_workers.count()


def test_bad_area_ids_give_404_not_500(client_as):
    client = client_as("county_admin")

    for url in ("/areas/999999/", "/areas/abc/", "/areas/999999/households/", "/areas/999999/posts/"):
        assert client.get(url).status_code == 404, url
