"""Each Open311 key is counted against RATE_LIMITS["open311_key"] in the shared cache; over the limit, the
spec's error body with 429 and Retry-After. Calls without a key (the service list) are not counted."""

import pytest
from django.core.cache import caches

from lianxin.open311.services import key_issue
from lianxin.open311.tests.conftest import V2, errors_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def fresh_counts():
    caches["shared"].clear()
    yield
    caches["shared"].clear()


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_key_over_its_limit_gets_the_specs_429(o311, system, settings, fresh_counts, fmt):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "open311_key": "2/m"}
    _key, secret = key_issue(system=system)
    _other, other_secret = key_issue(system=system)

    for _ in range(2):
        assert o311.get(f"{V2}/requests.{fmt}", {"api_key": secret}).status_code == 200
    refused = o311.get(f"{V2}/requests.{fmt}", {"api_key": secret})

    assert refused.status_code == 429
    assert str(errors_of(refused, fmt)[0]["code"]) == "429"
    assert int(refused["Retry-After"]) >= 1
    assert o311.get(f"{V2}/requests.{fmt}", {"api_key": other_secret}).status_code == 200
    assert all(o311.get(f"{V2}/services.{fmt}").status_code == 200 for _ in range(3))


def test_the_default_lets_a_hotline_send_several_reports_a_second(settings):
    from lianxin.core.ratelimit import parse_rate

    count, seconds = parse_rate(settings.RATE_LIMITS["open311_key"])

    assert count / seconds >= 10


def test_an_external_system_sets_its_own_limit(o311, system, fresh_counts):
    system.rate_per_minute = 2
    system.save(update_fields=["rate_per_minute"])
    _key, secret = key_issue(system=system)

    for _ in range(2):
        assert o311.get(f"{V2}/requests.json", {"api_key": secret}).status_code == 200
    assert o311.get(f"{V2}/requests.json", {"api_key": secret}).status_code == 429
