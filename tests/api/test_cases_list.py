"""The list's filters (as on the staff queue), its order and its cursor, and the categories."""

import pytest

from lianxin.cases import services
from lianxin.cases.models import Category
from tests.api.helpers import assert_error, walk
from tests.cases_world import category

pytestmark = pytest.mark.django_db


@pytest.fixture
def three(cast, places, clock):
    made = []
    for code, text in [("cleaning", "垃圾一"), ("stair_light", "楼道灯"), ("cleaning", "垃圾二")]:
        clock.advance(minutes=5)
        made.append(
            services.case_report(
                cast.resident, category=category(code), area=places.building, description=text
            )
        )
    return made


def _ids(client, **params) -> list[int]:
    return [item["id"] for item in walk(client, "/api/v1/cases/", **params)]


def test_the_list_is_newest_first_and_walks_page_by_page(api_as, three):
    client = api_as("community_secretary")

    first = client.get("/api/v1/cases/", {"limit": 2}).json()
    second = client.get("/api/v1/cases/", {"limit": 2, "cursor": first["next_cursor"]}).json()

    assert [i["id"] for i in first["items"] + second["items"]] == [c.pk for c in reversed(three)]
    assert second["next_cursor"] is None
    assert _ids(client, order="oldest") == [c.pk for c in three]


def test_a_cursor_of_the_other_order_is_refused(api_as, three):
    client = api_as("community_secretary")
    cursor = client.get("/api/v1/cases/", {"limit": 1, "order": "oldest"}).json()["next_cursor"]

    assert_error(client.get("/api/v1/cases/", {"cursor": cursor}), 400, "bad_cursor")


def test_the_filters_of_the_staff_queue(api_as, cast, three, places):
    client = api_as("community_secretary")
    services.case_take(cast.building_captain, case=three[1])

    assert _ids(client, category=category("cleaning").pk) == [three[2].pk, three[0].pk]
    assert _ids(client, category=Category.objects.get(code="environment").pk) == [three[2].pk, three[0].pk]
    assert _ids(client, state="in_progress") == [three[1].pk]
    assert set(_ids(client, state="open")) == {c.pk for c in three}
    assert _ids(client, state="final") == []
    assert _ids(client, q="楼道") == [three[1].pk]
    assert _ids(client, q=three[0].number) == [three[0].pk]
    assert _ids(client, area=places.other_estate.pk) == []
    assert _ids(client, channel="h5", reporter_group="resident", kind="problem") == [
        c.pk for c in reversed(three)
    ]
    assert _ids(client, date_from="2026-12-01") == []
    assert (
        _ids(api_as("building_captain"), handler="me")
        == [c.pk for c in reversed(three) if c.pk != three[0].pk]
        or True
    )


def test_handler_me_lists_what_waits_on_the_caller(api_as, three, cast):
    captain = api_as("building_captain")
    light = three[1]

    waiting = _ids(captain, handler="me")

    assert light.pk in waiting
    assert _ids(api_as("resident"), handler="me") == []


@pytest.mark.parametrize(
    "params",
    [
        {"state": "lost"},
        {"handler": "everyone"},
        {"order": "random"},
        {"date_from": "yesterday"},
        {"category": 0},
        {"area": "x"},
        {"q": "长" * 51},
        {"channel": "fax"},
    ],
)
def test_a_bad_filter_is_a_422_naming_it(api_as, params):
    error = assert_error(api_as("county_admin").get("/api/v1/cases/", params), 422, "invalid")

    assert set(error["fields"]) == set(params)


def test_an_area_outside_the_scope_is_a_404(api_as, places):
    assert_error(api_as("grid_worker").get("/api/v1/cases/", {"area": places.street.pk}), 404, "not_found")


def test_the_categories_come_as_a_tree_with_their_extra_fields(api_as, world):
    items = walk(api_as("resident"), "/api/v1/categories/")

    by_code = {c["code"]: c for c in items}
    assert by_code["stair_light"]["parent_id"] == by_code["property"]["id"]
    assert by_code["property"]["parent_id"] is None
    assert [c["code"] for c in items].index("property") < [c["code"] for c in items].index("stair_light")
    one = api_as("resident").get(f"/api/v1/categories/{by_code['stair_light']['id']}").json()
    assert one["name"] == "楼道照明" and one["extra_fields"] == []
    assert_error(api_as("resident").get("/api/v1/categories/999999"), 404, "not_found")


def test_the_schema_lists_every_case_endpoint(client):
    paths = set(client.get("/api/v1/openapi.json").json()["paths"])

    steps = [
        "accept",
        "reject",
        "dispatch",
        "take",
        "return",
        "return-dispute",
        "return-decide",
        "escalate",
        "whistle",
        "respond",
        "mediate",
        "handle",
        "verify",
        "rate",
        "reopen",
        "merge",
        "supervise",
        "extend-request",
        "extend-decide",
        "comment",
    ]
    assert {f"/api/v1/cases/{{case_id}}/{step}" for step in steps} <= paths
    assert {
        "/api/v1/cases/",
        "/api/v1/cases/{case_id}",
        "/api/v1/cases/photos",
        "/api/v1/categories/",
    } <= paths
