"""Lists are paged by an opaque cursor: every row once, in a stable order, at most ``limit`` at a time."""

import pytest

from lianxin.core.scope import under
from lianxin.people.models import Person
from tests.api.helpers import walk

pytestmark = pytest.mark.django_db


def test_following_the_cursor_returns_every_row_once_in_order(api_as, world):
    client = api_as("street_secretary")
    seen, cursor, pages = [], "", 0

    while True:
        body = client.get("/api/v1/persons/", {"limit": 7, "cursor": cursor}).json()
        assert len(body["items"]) <= 7
        seen += [p["id"] for p in body["items"]]
        pages += 1
        cursor = body["next_cursor"]
        if not cursor:
            break

    expected = Person.objects.filter(under("area_path", world.streets[0].path)).order_by("id")
    assert seen == list(expected.values_list("pk", flat=True))
    assert pages > 2


def test_the_default_page_holds_fifty_rows(api_as):
    body = api_as("county_admin").get("/api/v1/persons/").json()

    assert len(body["items"]) == 50
    assert body["next_cursor"]


def test_the_last_page_has_no_next_cursor(api_as, world):
    body = api_as("grid_worker").get("/api/v1/areas/").json()

    assert len(body["items"]) == 1
    assert body["next_cursor"] is None


def test_a_subtree_is_paged_in_tree_order(api_as, world):
    client = api_as("county_admin")
    first = client.get(f"/api/v1/areas/{world.streets[0].pk}/subtree", {"limit": 3}).json()
    rest = walk(client, f"/api/v1/areas/{world.streets[0].pk}/subtree")

    assert [a["id"] for a in first["items"]] == [a["id"] for a in rest[:3]]
    second = client.get(
        f"/api/v1/areas/{world.streets[0].pk}/subtree", {"limit": 3, "cursor": first["next_cursor"]}
    ).json()
    assert [a["id"] for a in second["items"]] == [a["id"] for a in rest[3:6]]


def test_a_cursor_from_another_users_list_reveals_nothing_outside_the_callers_scope(api_as, world):
    county_cursor = api_as("county_admin").get("/api/v1/persons/", {"limit": 1}).json()["next_cursor"]

    items = walk(api_as("grid_worker"), "/api/v1/persons/")
    page = api_as("grid_worker").get("/api/v1/persons/", {"cursor": county_cursor}).json()

    assert {p["id"] for p in page["items"]} <= {p["id"] for p in items}


@pytest.mark.parametrize("descending", [False, True])
def test_keys_first_pages_exactly_as_the_plain_query(cast, world, descending):
    """The case list finds a page's keys first and then reads those rows (``keys_first``): every page, its
    rows with their joined place, and every cursor are those of the plain query, in either direction."""
    from lianxin.areas.models import Area
    from lianxin.core.api_pagination import PageParams, paginate

    queryset = Area.objects.restrict(cast.street_secretary).select_related("successor")
    assert queryset.count() > 10
    plain_cursor = keyed_cursor = ""
    while True:
        plain = paginate(queryset, PageParams(limit=4, cursor=plain_cursor), descending=descending)
        keyed = paginate(
            queryset, PageParams(limit=4, cursor=keyed_cursor), descending=descending, keys_first=True
        )
        assert [a.pk for a in keyed.items] == [a.pk for a in plain.items]
        assert [a.path for a in keyed.items] == [a.path for a in plain.items]
        assert keyed.next_cursor == plain.next_cursor
        # The joined rows come with them (no query per row for the place's successor).
        assert all("successor" in a._state.fields_cache for a in keyed.items)
        if not plain.next_cursor:
            break
        plain_cursor = keyed_cursor = plain.next_cursor
