"""Test-wide set-up: Huey in immediate mode, fast password hashing, the small world and its cast.

The small world (lianxin.demo.world.SMALL: the demo county's shape with few rows) is built once into the
test database; each test runs in a transaction rolled back at its end, so every test reads the same world.
Transactional tests (the browser tests, run last) flush the database; the ``world`` fixture rebuilds it.
"""

import pytest
from django.test import override_settings

from lianxin.demo.world import SMALL, built_from_database, world_exists, world_load
from tests.cases_world import clock, places  # noqa: F401 - project-wide fixtures
from tests.personas import Cast, otp_verify_session


@pytest.fixture(scope="session", autouse=True)
def _test_settings():
    # MD5 keeps the cast quick to build; tests/test_passwords checks that real deployments hash with Argon2.
    # Plain static storage: the manifest exists only after collectstatic, which tests do not run.
    with override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        # Each test reads the figures of its own cases; the dashboard and practices caches are tested apart.
        LIANXIN_DASHBOARD_CACHE_SECONDS=0,
        LIANXIN_PRACTICES_CACHE_SECONDS=0,
    ):
        yield


@pytest.fixture(scope="session", autouse=True)
def _huey_immediate():
    """Tasks run inline, in the test's transaction, so their effects can be asserted directly."""
    from huey.contrib.djhuey import HUEY

    HUEY.immediate = True
    yield
    HUEY.immediate = False


@pytest.fixture(autouse=True)
def _fresh_routing_cache():
    """Each test's rows are rolled back, and ids come back: no test may see another's cached routing."""
    from lianxin.cases import routing

    routing.cache_clear()
    yield
    routing.cache_clear()


@pytest.fixture(autouse=True)
def _fresh_redis_caches():
    """On Redis the caches outlive each test's rolled-back transaction: rate-limit counters and sessions of
    one test must not reach the next (the database cache is rolled back anyway)."""
    from django.conf import settings
    from django.core.cache import caches

    redis = [alias for alias, c in settings.CACHES.items() if "redis" in c["BACKEND"].lower()]
    for alias in redis:
        caches[alias].clear()
    yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        world_load(shape=SMALL)


@pytest.fixture
def world(db):
    """The landmarks of the small world: county, streets, communities, estates, villages, departments …"""
    if not world_exists():
        world_load(shape=SMALL)
    return built_from_database()


@pytest.fixture
def cast(world) -> Cast:
    return Cast.load()


@pytest.fixture
def client_as(client, cast):
    """``client_as("grid_worker")``: the test client signed in as that member of the cast."""

    def sign_in(username: str):
        user = cast[username]
        client.force_login(user)
        otp_verify_session(client, user)
        return client

    return sign_in
