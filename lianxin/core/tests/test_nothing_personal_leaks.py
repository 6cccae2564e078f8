"""Nothing secret or personal in logs, caches or error pages: the demo's numbers never appear there."""

import io
import logging

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.test import override_settings
from django.urls import path

from lianxin.tokens.services import token_create
from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db


def _boom(request):
    raise RuntimeError("lookup failed for 13800000012 / 370982199001011234")


urlpatterns = [path("boom/", _boom)]


@pytest.fixture
def log_text():
    stream = io.StringIO()
    config = settings.LOGGING["formatters"]["logfmt"].copy()
    factory = config.pop("()")
    handler = logging.StreamHandler(stream)
    handler.setFormatter(factory(**config))
    root = logging.getLogger()
    root.addHandler(handler)
    previous = root.level
    root.setLevel(logging.DEBUG)
    yield stream.getvalue
    root.setLevel(previous)
    root.removeHandler(handler)


def _demo_numbers(cast) -> list[str]:
    numbers = [u.person.mobile for u in cast if u.person.mobile]
    resident = cast.resident.person
    resident.set_id_number("370982199001011234")
    resident.save()
    return [*numbers, "370982199001011234"]


def test_the_demo_numbers_never_reach_the_logs_the_caches_or_an_error_page(client, client_as, cast, log_text):
    secrets = _demo_numbers(cast)
    # Sign in by mobile number, fail by mobile number, search by both numbers, open one, use the API.
    client.post("/accounts/login/", {"username": "13800000099", "password": "wrong"})
    client.post("/accounts/login/", {"username": "138 0000 0004", "password": PASSWORD})
    worker = client_as("grid_worker")
    worker.get("/people/", {"q": "13800000012"})
    worker.get("/people/", {"q": "370982199001011234"})
    worker.post(f"/people/{cast.resident.person_id}/reveal/", {"field": "mobile", "reason": "回访"})
    worker.post(f"/people/{cast.resident.person_id}/reveal/", {"field": "id_number", "reason": "核实"})
    worker.get("/imports/export/persons.xlsx")
    _token, secret = token_create(actor=cast.grid_worker, name="脚本")
    client.get("/api/v1/persons/", {"q": "13800000012"}, HTTP_AUTHORIZATION=f"Bearer {secret}")
    with override_settings(ROOT_URLCONF=__name__):
        worker.raise_request_exception = False
        error_page = worker.get("/boom/")

    logged = log_text()
    assert "request_finished" in logged or "request_failed" in logged  # the logs did capture the requests
    assert "138****0012" in logged  # the search was logged, masked
    cached = _cache_contents()
    for number in [*secrets, "13800000099"]:
        assert number not in logged, number
        assert number not in cached, number
        assert number not in error_page.content.decode(), number
    assert error_page.status_code == 500
    assert secret not in logged


def _cache_contents() -> str:
    from django.core.cache.backends.locmem import LocMemCache
    from django.core.cache.backends.redis import RedisCache

    parts = []
    for alias in ("default", "shared"):
        cache = caches[alias]
        if isinstance(cache, LocMemCache):
            parts += [repr(k) + repr(v) for k, v in cache._cache.items()]
        elif isinstance(cache, RedisCache):
            client = cache._cache.get_client()
            for key in client.scan_iter(count=1000):
                value = client.get(key) if client.type(key) == b"string" else b""
                parts.append(repr(key) + repr(value))
    if connection.vendor and "AtomicDatabaseCache" in type(caches["shared"]).__name__:
        with connection.cursor() as cursor:
            cursor.execute("SELECT cache_key, value FROM lianxin_shared_cache")
            parts += [repr(row) for row in cursor.fetchall()]
    return "\n".join(parts)


def test_scrubbing_masks_numbers_inside_any_text():
    from lianxin.core.logscrub import scrub_text

    # A query value is masked whole (free text); a number elsewhere, as the number's mask.
    assert scrub_text("GET /people/?q=13800000012&page=1") == "GET /people/?q=***&page=1"
    assert scrub_text("GET /people/by-mobile/13800000012/") == "GET /people/by-mobile/138****0012/"
    assert scrub_text("id 37098219900101123X.") == "id 370982********123X."
    assert scrub_text("order 2026120112345678 took 12ms") == "order 2026120112345678 took 12ms"
