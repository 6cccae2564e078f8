"""Open311's endpoints fuzzed from their OpenAPI description (lianxin/open311/openapi.yaml, issue 18):
whatever a client sends, through forms, multipart bodies, query strings and addresses, the answer is never a
5xx and is always a well-formed XML or JSON body in the address's format. Schemathesis generates the calls
(Hypothesis); the platform answers in-process through its WSGI application, inside the test's transaction."""

import json
from pathlib import Path

import defusedxml.ElementTree as ET
import pytest
import schemathesis
from django.core import signals
from django.core.cache import caches
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from lianxin.open311.models import ApiKey, key_hash

SCHEMA = schemathesis.openapi.from_path(Path(__file__).resolve().parents[1] / "openapi.yaml")
# A key the fuzzer may send: a generated api_key is swapped for it half the time (the other half stays a
# wrong key), so that calls reach past the key check.
SECRET = "o311_fuzzing-key-of-the-test-system"


@pytest.fixture
def fuzz_key(system, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "open311_key": "1000000/m", "open311_public": "1000000/m"}
    caches["shared"].clear()
    return ApiKey.objects.create(system=system, name="fuzz", prefix=SECRET[:8], key_hash=key_hash(SECRET))


@pytest.fixture
def keep_connection():
    """The calls go through the WSGI application, whose request signals would close the database connection
    (on PostgreSQL, the test's own, in its transaction): held open as Django's test client holds it."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def _with_key(case) -> None:
    for values in (case.query, case.body):
        key = values.get("api_key") if isinstance(values, dict) else None
        if isinstance(key, str) and len(key) % 2 == 0:
            values["api_key"] = SECRET


@pytest.mark.django_db
@SCHEMA.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_no_input_gives_a_5xx_or_a_broken_body(case, fuzz_key, places, keep_connection):
    _with_key(case)

    response = case.call(app=get_wsgi_application())

    assert response.status_code < 500, response.text[:500]
    if not response.content:
        return
    kind = response.headers.get("Content-Type", [""])
    kind = kind[0] if isinstance(kind, list) else kind
    if kind.startswith("application/json"):
        json.loads(response.content.decode("utf-8"))
    elif kind.startswith("text/xml"):
        ET.fromstring(response.content)
