"""The area browser: where each role starts, drill-down, and counts that equal the scoped truth."""

import re

import pytest

from lianxin.areas.models import Area, Household, Level
from lianxin.areas.selectors import area_counts, counts_by_prefix
from lianxin.party.models import Membership, MembershipKind, PartyOrg
from lianxin.people.models import Person, Post

pytestmark = pytest.mark.django_db


def rows(html: str) -> dict[str, dict[str, int]]:
    """The table's rows by area code: {metric: count}."""
    table = {}
    for code, body in re.findall(r'<tr data-area="([^"]+)">(.*?)</tr>', html, flags=re.S):
        table[code] = {m: int(n) for m, n in re.findall(r'data-metric="(\w+)">(\d+)<', body)}
    return table


def truth(area: Area) -> dict[str, int]:
    """What lies under an area, counted without any scope (for areas wholly inside the user's scope)."""
    path = area.path
    return {
        "households": Household.objects.filter(area_path__startswith=path).count(),
        "persons": Person.objects.filter(area_path__startswith=path).count(),
        "members": Membership.objects.current()
        .filter(
            area_path__startswith=path,
            is_home=True,
            kind__in=[MembershipKind.FULL, MembershipKind.PROBATIONARY],
        )
        .count(),
        "party_orgs": PartyOrg.objects.filter(area_path__startswith=path).count(),
        "posts": Post.objects.current().filter(area_path__startswith=path).count(),
    }


def test_the_county_admin_starts_at_the_county(client_as, world):
    html = client_as("county_admin").get("/areas/").content.decode()

    assert list(rows(html)) == [world.county.code, "total"]
    assert rows(html)[world.county.code] == truth(world.county)


def test_the_street_secretary_starts_at_his_street_and_never_sees_the_other(client_as, world):
    mine, other = world.streets
    html = client_as("street_secretary").get("/areas/").content.decode()

    assert world.county.code not in rows(html)
    assert rows(html)[mine.code] == truth(mine)
    assert other.name not in html

    response = client_as("street_secretary").get(f"/areas/?parent={other.pk}")
    assert response.status_code == 404


def test_drilling_down_lists_the_children_with_their_own_counts(client_as, world):
    street = world.streets[0]
    html = client_as("street_secretary").get(f"/areas/?parent={street.pk}").content.decode()

    communities = [c for c in world.communities if c.path.startswith(street.path)]
    table = rows(html)
    assert [code for code in table if code != "total"] == [c.code for c in communities]
    for community in communities:
        assert table[community.code] == truth(community)
    assert table["total"] == truth(street)


def test_the_grid_worker_sees_only_his_estate(client_as, world):
    estate = world.estates[0]
    client = client_as("grid_worker")
    html = client.get("/areas/").content.decode()

    assert list(rows(html)) == [estate.code, "total"]
    assert rows(html)[estate.code] == truth(estate)
    assert client.get(f"/areas/?parent={world.estates[1].pk}").status_code == 404
    assert client.get(f"/areas/?parent={world.communities[0].pk}").status_code == 404


def test_breadcrumbs_name_the_ancestors_above_scope_without_linking_them(client_as, world):
    estate = world.estates[0]
    html = client_as("grid_worker").get(f"/areas/?parent={estate.pk}").content.decode()

    start = html.index('class="crumbs"')
    crumbs = html[start : html.index("</nav>", start)]
    assert world.communities[0].name in crumbs
    assert f"parent={world.communities[0].pk}" not in crumbs
    assert f'href="/areas/{estate.pk}/"' in crumbs


def test_a_building_captain_sees_his_building_and_its_units(client_as, world):
    building = (
        Area.objects.filter(path__startswith=world.estates[0].path, level=Level.BUILDING)
        .order_by("path")
        .first()
    )
    client = client_as("building_captain")
    html = client.get("/areas/").content.decode()

    assert list(rows(html)) == [building.code, "total"]
    units = client.get(f"/areas/?parent={building.pk}").content.decode()
    assert all(code.startswith(building.code) for code in rows(units) if code != "total")


def test_a_resident_and_the_system_administrator_see_no_area_but_an_explanation(client_as):
    for username in ("resident", "sysadmin"):
        html = client_as(username).get("/areas/").content.decode()

        assert rows(html) == {}
        assert 'class="empty-state"' in html


def test_the_menu_offers_the_area_browser_only_to_users_with_an_area_post(client_as):
    assert 'href="/areas/"' in client_as("grid_worker").get("/").content.decode()
    assert 'href="/areas/"' not in client_as("resident").get("/").content.decode()
    assert 'href="/areas/"' not in client_as("sysadmin").get("/").content.decode()


def test_an_htmx_drill_down_gets_only_the_browser_and_a_plain_link_the_whole_page(client_as, world):
    client = client_as("county_admin")
    url = f"/areas/?parent={world.county.pk}"

    fragment = client.get(url, HTTP_HX_REQUEST="true")
    page = client.get(url)

    assert fragment.content.decode().lstrip().startswith('<section class="card" id="area-browser"')
    assert "<html" not in fragment.content.decode()
    assert "<html" in page.content.decode()
    assert "HX-Request" in fragment["Vary"]
    assert f'hx-get="/areas/?parent={world.streets[0].pk}"' in page.content.decode()


def test_a_bad_parent_gives_404_not_500(client_as):
    client = client_as("county_admin")

    assert client.get("/areas/?parent=abc").status_code == 404
    assert client.get("/areas/?parent=999999").status_code == 404


def test_the_browser_needs_sign_in(client):
    response = client.get("/areas/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_counts_take_one_grouped_query_per_figure_whatever_the_number_of_children(
    cast, world, django_assert_num_queries
):
    communities = list(Area.objects.filter(level=Level.COMMUNITY))
    households = Household.objects.restrict(cast.county_admin)  # the user's grants are read here, once

    with django_assert_num_queries(1):
        counts = counts_by_prefix(households, "area_path", [c.path for c in communities])
    with django_assert_num_queries(6):
        area_counts(user=cast.county_admin, areas=communities)

    assert counts == {
        c.path: Household.objects.filter(area_path__startswith=c.path).count() for c in communities
    }


def test_counts_never_include_what_lies_outside_the_users_scope(cast, world):
    county = world.county
    counts = area_counts(user=cast.street_secretary, areas=[county])[county.path]
    # The population: persons in a household, placed where the household is (docs/figures.md).
    population = Person.objects.filter(household__area_path__startswith=world.streets[0].path).count()

    assert counts == {**truth(world.streets[0]), "population": population}
    assert counts["households"] < truth(county)["households"]


def test_property_staff_start_at_the_estates_their_company_serves(client_as, cast):
    company = Post.objects.get(person=cast.property_staff.person).organisation
    served = Area.objects.filter(services__company=company, services__service_end__isnull=True)
    html = client_as("property_staff").get("/areas/").content.decode()

    assert served.exists()
    assert set(rows(html)) - {"total"} == {estate.code for estate in served}


@pytest.mark.parametrize("username", ["courier", "liaison", "volunteer"])
def test_other_posts_start_at_the_area_of_their_post(client_as, cast, username):
    [post] = Post.objects.filter(person=cast[username].person)
    html = client_as(username).get("/areas/").content.decode()

    assert list(rows(html)) == [post.area.code, "total"]
    if username == "liaison":
        assert rows(html)[post.area.code] == truth(post.area)
    else:
        # A courier or volunteer sees his community, not its residents (roles.RoleRule.sees_residents).
        counts = rows(html)[post.area.code]
        assert counts["households"] == counts["members"] == 0
        assert counts["persons"] <= 1  # at most himself
