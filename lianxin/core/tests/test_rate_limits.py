import pytest
from django.core.cache import caches
from django.core.checks import run_checks
from django.test import override_settings

from lianxin.core.ratelimit import RateLimited, parse_rate, rate_limit_hit
from lianxin.tokens.services import token_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def fresh_counts():
    caches["shared"].clear()
    yield
    caches["shared"].clear()


def test_sign_in_attempts_from_one_address_are_limited_with_a_chinese_429(
    client, cast, settings, fresh_counts
):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "login": "3/m"}
    for i in range(3):
        assert client.post("/accounts/login/", {"username": f"u{i}", "password": "x"}).status_code == 200

    refused = client.post("/accounts/login/", {"username": "u9", "password": "x"})

    assert refused.status_code == 429
    assert "请求过于频繁" in refused.content.decode()
    assert int(refused["Retry-After"]) >= 1
    # Another address is not affected.
    assert (
        client.post(
            "/accounts/login/", {"username": "u9", "password": "x"}, REMOTE_ADDR="10.9.9.9"
        ).status_code
        == 200
    )


def test_an_api_token_is_limited_per_token_with_the_json_error_shape(client, cast, settings, fresh_counts):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "api_token": "2/m"}
    _token, secret = token_create(actor=cast.grid_worker, name="脚本")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    assert client.get("/api/v1/me", **headers).status_code == 200
    assert client.get("/api/v1/me", **headers).status_code == 200

    refused = client.get("/api/v1/me", **headers)

    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "rate_limited"
    assert "请求过于频繁" in refused.json()["error"]["message"]
    _other, other_secret = token_create(actor=cast.grid_worker, name="另一个")
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {other_secret}").status_code == 200


def test_guessing_tokens_from_one_address_is_limited(client, cast, settings, fresh_counts):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "api_token_ip": "3/m"}
    for i in range(3):
        assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer lx_guess{i}").status_code == 401
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION="Bearer lx_guess9").status_code == 429


def test_the_count_lives_in_the_shared_cache_so_every_worker_sees_it(rf, fresh_counts, monkeypatch):
    """The third call is counted through a new cache connection, as another worker process would be."""
    from django.core.cache import CacheHandler

    from lianxin.core import ratelimit

    request = rf.get("/")
    rate_limit_hit(request, "demo", key="k", rate="2/m")
    rate_limit_hit(request, "demo", key="k", rate="2/m")
    other_worker = CacheHandler()
    assert other_worker["shared"] is not caches["shared"]
    monkeypatch.setattr(ratelimit, "caches", other_worker)
    with pytest.raises(RateLimited):
        rate_limit_hit(request, "demo", key="k", rate="2/m")


def test_the_database_cache_increment_is_atomic(fresh_counts):
    cache = caches["shared"]
    cache.add("counter", 0, timeout=60)
    assert [cache.incr("counter") for _ in range(5)] == [1, 2, 3, 4, 5]
    with pytest.raises(ValueError):
        cache.incr("missing")


def test_a_local_memory_cache_is_refused_for_rate_limits():
    locmem = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
              "shared": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}  # fmt: skip
    with override_settings(CACHES=locmem):
        errors = [e for e in run_checks(tags=["caches"]) if e.id == "lianxin.E002"]
    assert errors
    assert "one process's own" in errors[0].msg


def test_the_shared_cache_is_redis_or_the_atomic_database_cache():
    from lianxin import settings as project_settings

    backend = project_settings.CACHES["shared"]["BACKEND"]
    assert backend in (
        "django.core.cache.backends.redis.RedisCache",
        "lianxin.core.ratelimit.AtomicDatabaseCache",
    )


@pytest.mark.parametrize(
    ("rate", "parsed"), [("10/m", (10, 60)), ("5/15m", (5, 900)), ("1000/d", (1000, 86400))]
)
def test_rates_read_as_count_per_period(rate, parsed):
    assert parse_rate(rate) == parsed


def test_cache_keys_hold_no_account_name_or_number(rf, fresh_counts):
    from django.db import connection

    request = rf.get("/")
    rate_limit_hit(request, "login", key="user:13800000004", rate="10/m")
    if "AtomicDatabaseCache" in caches["shared"].__class__.__name__:
        with connection.cursor() as cursor:
            cursor.execute("SELECT cache_key FROM lianxin_shared_cache")
            keys = [row[0] for row in cursor.fetchall()]
        assert keys
        assert not any("13800000004" in key for key in keys)


def test_a_counter_on_the_database_cache_is_one_statement_that_counts_and_restarts(rf, fresh_counts):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from lianxin.core.ratelimit import AtomicDatabaseCache

    cache = caches["shared"]
    if not isinstance(cache, AtomicDatabaseCache) or connection.vendor not in ("sqlite", "postgresql"):
        pytest.skip("the upsert is the database cache's on SQLite and PostgreSQL")
    with CaptureQueriesContext(connection) as captured:
        counts = [cache.hit("rl:test:1:abc", timeout=60) for _ in range(3)]
    assert counts == [1, 2, 3]
    assert len(captured.captured_queries) == 3, [q["sql"] for q in captured.captured_queries]
    # An expired window and a value of another form (a pickle written before) both start again at 1.
    from django.utils import timezone

    table = connection.ops.quote_name(cache._table)
    long_ago = connection.ops.adapt_datetimefield_value(timezone.now().replace(year=2000))
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET expires = %s", [long_ago])  # noqa: S608
    assert cache.hit("rl:test:1:abc", timeout=60) == 1
    assert cache.hit("rl:test:1:abc", timeout=60) == 2
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET value = 'gAVLAi4='")  # noqa: S608
    assert cache.hit("rl:test:1:abc", timeout=60) == 1
    # Over the limit is still refused.
    request = rf.get("/")
    rate_limit_hit(request, "t", key="k", rate="2/m")
    rate_limit_hit(request, "t", key="k", rate="2/m")
    with pytest.raises(RateLimited):
        rate_limit_hit(request, "t", key="k", rate="2/m")
