"""Bad input is always a 4xx in the one error shape, naming the field; never a 500."""

import base64
import json

import pytest
from django.test import Client

from tests.api.helpers import assert_chinese, assert_error

pytestmark = pytest.mark.django_db


def _cursor(data) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode()


BAD_REQUESTS = [
    "/api/v1/areas/abc",
    "/api/v1/areas/0",
    "/api/v1/areas/-1",
    "/api/v1/areas/99999999999999999999999999",
    "/api/v1/areas/1.5/children",
    "/api/v1/areas/by-code/" + "x" * 300,
    "/api/v1/areas/?limit=0",
    "/api/v1/areas/?limit=201",
    "/api/v1/areas/?limit=many",
    "/api/v1/areas/?cursor=%%%",
    "/api/v1/areas/?cursor=" + "A" * 500,
    "/api/v1/areas/?cursor=" + _cursor({"k": "id", "v": 3}),
    "/api/v1/areas/?cursor=" + _cursor({"k": "path", "v": 3}),
    "/api/v1/areas/?cursor=" + _cursor([1, 2]),
    "/api/v1/areas/?cursor=" + base64.urlsafe_b64encode(b"\xff\xfe").decode(),
    "/api/v1/persons/?cursor=" + _cursor({"k": "id", "v": True}),
    "/api/v1/persons/?cursor=" + _cursor({"k": "id", "v": -5}),
    "/api/v1/persons/?cursor=" + _cursor({"k": "id", "v": 10**30}),
    "/api/v1/persons/?cursor=" + _cursor({"k": "id", "v": "1"}),
    "/api/v1/persons/?area=abc",
    "/api/v1/persons/?area=0",
    "/api/v1/persons/?q=" + "张" * 51,
    "/api/v1/persons/0",
    "/api/v1/persons/nobody",
    "/api/v1/posts/?role=mayor",
    "/api/v1/posts/?area=99999999999999999999999",
    "/api/v1/party-orgs/x/children",
    "/api/v1/party-orgs/?limit=-3",
    "/api/v1/no-such-thing",
    "/api/v1/areas/1/no-such-thing",
]


@pytest.mark.parametrize("url", BAD_REQUESTS)
def test_bad_input_gets_a_4xx_json_error_not_a_500(api_as, url):
    response = api_as("county_admin").get(url)

    assert 400 <= response.status_code < 500, (url, response.status_code, response.content[:300])
    error = response.json()["error"]
    assert error["code"] and error["message"]


def test_a_limit_out_of_range_is_refused_naming_the_limit(api_as):
    error = assert_error(api_as("county_admin").get("/api/v1/areas/", {"limit": 201}), 422, "invalid")

    assert set(error["fields"]) == {"limit"}
    assert "200" in error["fields"]["limit"]
    assert_chinese(error["message"])
    assert_chinese(error["fields"]["limit"])


def test_a_bad_id_in_the_path_is_refused_naming_the_id(api_as):
    error = assert_error(api_as("county_admin").get("/api/v1/areas/abc"), 422, "invalid")

    assert set(error["fields"]) == {"area_id"}


def test_a_forged_cursor_is_refused_naming_the_cursor(api_as):
    error = assert_error(
        api_as("county_admin").get("/api/v1/persons/", {"cursor": "not-a-cursor"}), 400, "bad_cursor"
    )

    assert set(error["fields"]) == {"cursor"}
    assert_chinese(error["fields"]["cursor"])


def test_an_unknown_role_is_refused_naming_the_role(api_as):
    error = assert_error(api_as("county_admin").get("/api/v1/posts/", {"role": "mayor"}), 422, "invalid")

    assert set(error["fields"]) == {"role"}


def test_a_method_an_endpoint_does_not_take_gets_405_in_the_error_shape(api_as):
    response = api_as("county_admin").delete("/api/v1/areas/")

    error = assert_error(response, 405, "method_not_allowed")
    assert_chinese(error["message"])
    assert response["Allow"] == "GET"


def test_an_address_the_api_does_not_have_gets_404_in_the_error_shape(api_as, client):
    error = assert_error(api_as("county_admin").get("/api/v1/nothing/here"), 404, "not_found")
    assert_chinese(error["message"])
    assert_error(client.post("/api/v1/nothing/here"), 404, "not_found")


def test_an_unexpected_failure_is_a_logged_500_in_the_error_shape(api_as, monkeypatch):
    from lianxin.areas import selectors

    def broken(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(selectors, "area_roots", broken)

    response = api_as("county_admin").get("/api/v1/areas/")

    error = assert_error(response, 500, "server_error")
    assert_chinese(error["message"])
    assert "boom" not in json.dumps(error)


def test_a_write_to_a_read_only_address_is_answered_in_json_even_without_a_csrf_token(cast):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.grid_worker)

    assert_error(client.post("/api/v1/areas/"), 405, "method_not_allowed")
    assert_error(client.post("/api/v1/"), 405, "method_not_allowed")
    assert_error(client.post("/api/v1/areas/1/nothing"), 404, "not_found")
