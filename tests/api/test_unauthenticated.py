"""Without a session or a token, every endpoint answers 401 in the error shape, in Chinese."""

import pytest

from tests.api.helpers import assert_chinese, assert_error

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    "/api/v1/areas/",
    "/api/v1/areas/1",
    "/api/v1/areas/1/children",
    "/api/v1/areas/1/subtree",
    "/api/v1/areas/by-code/379901000000",
    "/api/v1/persons/",
    "/api/v1/persons/1",
    "/api/v1/party-orgs/",
    "/api/v1/party-orgs/1",
    "/api/v1/party-orgs/1/children",
    "/api/v1/posts/",
    "/api/v1/me",
]


@pytest.mark.parametrize("url", ENDPOINTS)
def test_an_anonymous_call_gets_401_in_the_error_shape(client, url):
    response = client.get(url)

    assert_error(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_an_anonymous_call_is_told_in_chinese_to_sign_in_or_send_a_token(client):
    error = assert_error(client.get("/api/v1/areas/"), 401, "not_authenticated")

    assert_chinese(error["message"])
    assert "Authorization" in error["message"]


def test_an_authorization_header_of_another_scheme_is_not_a_sign_in(client):
    response = client.get("/api/v1/areas/", HTTP_AUTHORIZATION="Basic Zm9vOmJhcg==")

    assert_error(response, 401, "not_authenticated")


def test_a_signed_in_session_is_accepted_for_the_pages_own_calls(client_as):
    response = client_as("grid_worker").get("/api/v1/me")

    assert response.status_code == 200
    assert response.json()["auth"] == "session"
    assert response.json()["username"] == "grid_worker"
