"""Tokens and Open311 keys are counted against the platform's rate limiter (lianxin.core.ratelimit_hook);
over the limit, the API answers 429 in its error shape and Open311 in the spec's, both with Retry-After."""

import pytest

from lianxin.core import ratelimit_hook
from lianxin.open311.services import key_issue, system_create
from tests.api.helpers import assert_error

pytestmark = pytest.mark.django_db


class Limited(Exception):
    def __init__(self, retry_after):
        super().__init__("limited")
        self.retry_after = retry_after


@pytest.fixture
def limiter(monkeypatch):
    """A limiter that lets ``allowed`` calls of each key through, then refuses with a 7-second wait."""
    counts: dict[tuple[str, str], int] = {}
    state = {"allowed": 2, "rates": []}

    def hit(request, group, *, key, rate):
        state["rates"].append((group, rate))
        counts[(group, key)] = counts.get((group, key), 0) + 1
        if counts[(group, key)] > state["allowed"]:
            raise Limited(7)

    monkeypatch.setattr(ratelimit_hook, "_limiter", lambda: (hit, Limited))
    return state


def test_a_token_over_its_limit_gets_a_429_with_retry_after(api_as, limiter, settings):
    settings.RATE_LIMITS = {"api_token": "2/m"}
    client = api_as("grid_worker")

    assert client.get("/api/v1/me").status_code == 200
    assert client.get("/api/v1/cases/").status_code == 200
    response = client.get("/api/v1/cases/")

    assert_error(response, 429, "throttled")
    assert response["Retry-After"] == "7"
    assert limiter["rates"][0] == ("api_token", "2/m")
    assert api_as("resident").get("/api/v1/me").status_code == 200  # another token, its own count


def test_an_open311_key_over_its_limit_gets_the_specs_429(client, places, limiter):
    system = system_create(name="城管", code="chengguan", area=places.street)
    _key, secret = key_issue(system=system)

    for _ in range(2):
        assert client.get("/open311/v2/requests.json", {"api_key": secret}).status_code == 200
    response = client.get("/open311/v2/requests.json", {"api_key": secret})

    assert response.status_code == 429
    assert response.json()[0]["code"] == 429
    assert response["Retry-After"] == "7"
    assert client.get("/open311/v2/services.json").status_code == 200  # no key, nothing counted


def test_without_the_platforms_limiter_nothing_is_counted(api_as, monkeypatch):
    monkeypatch.setattr(ratelimit_hook, "_limiter", lambda: None)
    client = api_as("grid_worker")

    assert all(client.get("/api/v1/me").status_code == 200 for _ in range(5))
