"""Calling the API with a token: the owner is the caller; an expired, revoked or unknown token is a 401."""

from datetime import timedelta

import pytest
from django.test import Client, RequestFactory
from django.utils import timezone

from lianxin.core.api_errors import ApiError
from lianxin.tokens.auth import SessionAuth
from lianxin.tokens.models import ApiToken
from lianxin.tokens.services import token_create, token_revoke
from tests.api.helpers import assert_chinese, assert_error

pytestmark = pytest.mark.django_db


def _client(secret: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def test_a_valid_token_calls_as_its_owner_and_records_its_use(cast):
    token, secret = token_create(actor=cast.grid_worker, name="a")

    response = _client(secret).get("/api/v1/me")

    assert response.status_code == 200
    assert response.json() == {
        "username": "grid_worker",
        "display_name": cast.grid_worker.display_name,
        "posts": response.json()["posts"],
        "auth": "token",
    }
    token.refresh_from_db()
    assert token.last_used_at is not None
    assert token.last_used_ip == "127.0.0.1"


def test_a_token_sees_what_its_owner_sees(cast, world):
    _token, secret = token_create(actor=cast.grid_worker, name="a")

    tops = _client(secret).get("/api/v1/areas/").json()["items"]

    assert [area["id"] for area in tops] == [world.estates[0].pk]


def test_an_expired_token_gets_401_saying_so(cast):
    token, secret = token_create(actor=cast.grid_worker, name="a")
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))

    error = assert_error(_client(secret).get("/api/v1/areas/"), 401, "token_expired")
    assert_chinese(error["message"])


def test_a_revoked_token_gets_401_saying_so(cast):
    token, secret = token_create(actor=cast.grid_worker, name="a")
    token_revoke(actor=cast.grid_worker, token=token)

    error = assert_error(_client(secret).get("/api/v1/areas/"), 401, "token_revoked")
    assert_chinese(error["message"])


def test_an_unknown_token_gets_401(cast):
    _token, secret = token_create(actor=cast.grid_worker, name="a")

    assert_error(_client(secret[:-1] + "x").get("/api/v1/areas/"), 401, "token_invalid")
    assert_error(_client("").get("/api/v1/areas/"), 401, "token_invalid")


def test_a_token_of_a_disabled_account_gets_401(cast):
    _token, secret = token_create(actor=cast.grid_worker, name="a")
    cast.grid_worker.is_active = False
    cast.grid_worker.save(update_fields=["is_active"])

    assert_error(_client(secret).get("/api/v1/areas/"), 401, "account_inactive")


def test_a_refused_token_is_not_rescued_by_a_session(cast, client):
    token, secret = token_create(actor=cast.grid_worker, name="a")
    token_revoke(actor=cast.grid_worker, token=token)
    client.force_login(cast.grid_worker)

    assert_error(client.get("/api/v1/areas/", HTTP_AUTHORIZATION=f"Bearer {secret}"), 401, "token_revoked")


def test_a_session_write_without_its_csrf_token_is_refused(cast):
    request = RequestFactory().post("/api/v1/anything")
    request.user = cast.grid_worker
    request.COOKIES = {}

    with pytest.raises(ApiError) as refused:
        SessionAuth()(request)

    assert refused.value.status == 403
    assert refused.value.code == "csrf_failed"


def test_a_session_read_needs_no_csrf_token(cast):
    request = RequestFactory().get("/api/v1/anything")
    request.user = cast.grid_worker

    assert SessionAuth()(request) == cast.grid_worker
