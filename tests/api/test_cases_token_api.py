"""The caller's own tokens over the API: a retried creation with the same Idempotency-Key gives back the same
token and secret, not a second token; the secret is stored only as a hash."""

import pytest

from lianxin.tokens.models import ApiToken
from tests.api.helpers import assert_error

pytestmark = pytest.mark.django_db


def _create(client, key="", **body):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return client.post("/api/v1/me/tokens", body, content_type="application/json", **headers)


def test_a_retried_creation_with_the_same_key_gives_the_same_token(api_as, cast):
    client = api_as("grid_worker")

    first = _create(client, "tok-1", name="巡查App")
    again = _create(client, "tok-1", name="巡查App")

    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert first.json()["secret"].startswith("lx_")
    assert ApiToken.objects.filter(user=cast.grid_worker, name="巡查App").count() == 1
    assert not ApiToken.objects.filter(key_hash=first.json()["secret"]).exists()


def test_the_same_key_for_another_token_is_a_409(api_as):
    client = api_as("grid_worker")
    _create(client, "tok-2", name="一号")

    assert_error(_create(client, "tok-2", name="二号"), 409, "idempotency_conflict")


def test_a_refused_creation_can_be_retried_with_the_same_key(api_as):
    client = api_as("grid_worker")

    assert_error(_create(client, "tok-3", name="  "), 400, "required")
    assert _create(client, "tok-3", name="改好了").status_code == 201


def test_tokens_are_listed_and_revoked_by_their_owner_only(api_as, cast):
    mine = api_as("grid_worker")
    created = _create(mine, name="临时").json()

    assert created["id"] in [t["id"] for t in mine.get("/api/v1/me/tokens").json()]
    assert "secret" not in mine.get("/api/v1/me/tokens").json()[0]
    assert_error(api_as("resident").post(f"/api/v1/me/tokens/{created['id']}/revoke"), 404, "not_found")
    revoked = mine.post(f"/api/v1/me/tokens/{created['id']}/revoke")
    assert revoked.json()["status"] == "revoked"
    assert mine.post(f"/api/v1/me/tokens/{created['id']}/revoke").json() == revoked.json()
