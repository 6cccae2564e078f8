"""The menu offers each role what it can open, and phones reach all of it through the 更多 drawer."""

import re

import pytest

from lianxin.core.access import ALL_ROLES
from tests.personas import otp_verify_session

pytestmark = pytest.mark.django_db

PARTY_BUILDING_KEYS = (
    "party",
    "industry_chains",
    "member_posts",
    "alliances",
    "secretary_studios",
    "property_companies",
    "coverage",
    "courier_links",
    "territory_figures",
)


def _party_building_urls() -> set[str]:
    from lianxin.core.navigation import nav_items

    return {nav_items()[key].url() for key in PARTY_BUILDING_KEYS}


def _menu(client) -> tuple[list[str], list[str]]:
    html = client.get("/").content.decode()
    sidenav = html[html.index('class="sidenav"') : html.index("</nav>")]
    drawer = html[html.index('data-testid="nav-more-panel"') :]
    drawer = drawer[: drawer.index("</details>")]
    pick = re.compile(r'<a href="([^"]+)" class="nav-link')
    return pick.findall(sidenav), pick.findall(drawer)


@pytest.fixture
def signed_in(client, cast):
    def sign_in(username):
        user = cast[username]
        client.force_login(user)
        otp_verify_session(client, user)
        return client

    return sign_in


@pytest.mark.parametrize("username", sorted(ALL_ROLES))
def test_every_menu_item_is_in_the_phone_drawer_and_opens(signed_in, username):
    client = signed_in(username)
    sidenav, drawer = _menu(client)

    assert sidenav and drawer == sidenav  # the drawer holds the whole menu, in the same order
    refused = {url: code for url in drawer if (code := client.get(url).status_code) != 200}
    assert refused == {}


# Pages that answer everyone with what his own posts cover (an empty state when nothing): hidden from a menu
# they are not refused, only of no use to that role. Any other page a menu hides must refuse the role.
SCOPED_FOR_EVERYONE = {
    *PARTY_BUILDING_KEYS,
    "areas",
    "persons",
    "corrections",
    "landless",
    "imports",
    "api_tokens",
    "hours_mine",  # one's own volunteer hours: an empty state for who has none
    "mobilisations_mine",  # the mobilisations one was called by: an empty state for who was never called
    "shared_practices",  # the boards of the sector committees over one's posts: empty for who is under none
}


@pytest.mark.parametrize("username", sorted(ALL_ROLES))
def test_a_page_the_menu_hides_is_refused_unless_it_only_lists_ones_own_scope(signed_in, username):
    from lianxin.core.navigation import nav_items

    client = signed_in(username)
    sidenav, _drawer = _menu(client)
    hidden = {key: item.url() for key, item in nav_items().items() if item.url() not in sidenav}

    opened = {key for key, url in hidden.items() if client.get(url).status_code == 200}
    assert opened - SCOPED_FOR_EVERYONE == set()


@pytest.mark.parametrize("username", ["property_staff", "dept_staff", "volunteer", "courier"])
def test_party_building_pages_are_not_offered_to_those_who_do_not_keep_party_building(signed_in, username):
    sidenav, _drawer = _menu(signed_in(username))

    assert set(sidenav) & _party_building_urls() == set()


@pytest.mark.parametrize("username", ["grid_worker", "community_secretary", "county_admin"])
def test_the_territory_staff_keep_their_party_building_pages(signed_in, username):
    sidenav, _drawer = _menu(signed_in(username))

    assert _party_building_urls() <= set(sidenav)


def test_a_resident_is_offered_neither_api_tokens_nor_the_api_docs(signed_in):
    html = signed_in("resident").get("/").content.decode()

    assert "/accounts/tokens/" not in html
    assert "/api/v1/docs" not in html


def test_staff_keep_their_api_tokens(signed_in):
    sidenav, _drawer = _menu(signed_in("grid_worker"))

    assert "/accounts/tokens/" in sidenav


def test_the_drawer_is_marked_when_the_page_is_one_no_tab_stands_for(signed_in):
    client = signed_in("grid_worker")

    on_areas = client.get("/areas/").content.decode()
    on_home = client.get("/").content.decode()

    assert 'class="tab active" data-testid="nav-more-toggle"' in on_areas
    assert 'class="tab" data-testid="nav-more-toggle"' in on_home
