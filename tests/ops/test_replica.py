"""Reads from a streaming replica (DATABASE_REPLICA_URL, lianxin.core.db_router).

tests/settings.py declares a second alias, ``replica``, as Django's test mirror of ``default`` (another
connection to the same test database). Here the replica is turned on (``REPLICA_DATABASE = "replica"``) and
each connection's queries are captured: the dashboard reads through ``replica``, a POST and every write go
through ``default``. The tests are transactional: inside a test's wrapping transaction every read stays on
the primary (as it must), and the mirror connection would not see the test's rows.
"""

import pytest
from django.contrib.auth import get_user_model
from django.db import connections, router, transaction
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from lianxin.core import db_router
from lianxin.core.db_router import LAG_HEADER, read_from_replica

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica"])
NOTICE = "数据可能滞后约"


@pytest.fixture
def replica_on(settings):
    settings.REPLICA_DATABASE = "replica"
    db_router.lag_cache_clear()
    yield
    db_router.lag_cache_clear()


def _capture(client, method, url, **kwargs):
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as replica,
    ):
        response = getattr(client, method)(url, **kwargs)
    return response, [q["sql"] for q in primary], [q["sql"] for q in replica]


def _reads_cases(queries) -> bool:
    return any("cases_" in sql or "rollups_" in sql for sql in queries)


def test_the_dashboard_reads_from_the_replica_and_says_how_old_its_data_may_be(client_as, world, replica_on):
    client = client_as("county_admin")
    response, primary, replica = _capture(client, "get", "/dashboard/")
    assert response.status_code == 200
    assert _reads_cases(replica), replica
    assert not _reads_cases(primary), primary
    page = response.content.decode()
    assert f"{NOTICE} 0 秒" in page
    assert response[LAG_HEADER] == "0"

    for url in ("/dashboard/table/", "/dashboard/data/", "/coverage/figures/", "/api/v1/figures/"):
        response, primary, replica = _capture(client, "get", url)
        assert response.status_code == 200, url
        assert replica, f"{url} read nothing from the replica"


def test_a_post_goes_to_the_primary(client_as, world, replica_on, settings, tmp_path):
    from lianxin.dashboard.models import Bulletin

    settings.MEDIA_ROOT = tmp_path
    client = client_as("county_admin")
    response, primary, replica = _capture(client, "post", "/dashboard/bulletins/", data={"day": "2026-11-23"})
    assert response.status_code == 302
    assert replica == []
    assert any(sql.startswith("INSERT") and "dashboard_bulletin" in sql for sql in primary), primary
    assert Bulletin.objects.filter(area=world.county).count() == 1


def test_without_a_replica_nothing_changes(client_as, world, settings):
    assert settings.REPLICA_DATABASE is None
    client = client_as("county_admin")
    response, primary, replica = _capture(client, "get", "/dashboard/")
    assert response.status_code == 200
    assert replica == []
    assert _reads_cases(primary)
    assert NOTICE not in response.content.decode()
    assert LAG_HEADER not in response


def test_reads_inside_a_transaction_and_writes_stay_on_the_primary(cast, replica_on):
    User = get_user_model()
    seen = {}

    @read_from_replica
    def view(request):
        seen["outside"] = User.objects.all().db
        with transaction.atomic():
            seen["inside"] = User.objects.all().db
        return None

    view(RequestFactory().get("/"))
    assert seen["outside"] == "replica"
    assert seen["inside"] == "default"
    view(RequestFactory().post("/"))
    assert seen["outside"] == "default"
    token = db_router._reading.set(db_router.ReplicaRead(alias="replica", lag_seconds=0))
    try:
        assert router.db_for_read(User) == "replica"
        assert router.db_for_write(User) == "default"
        read_there = User.objects.get(pk=cast.resident.pk)
        assert read_there._state.db == "replica"
        with (
            CaptureQueriesContext(connections["default"]) as primary,
            CaptureQueriesContext(connections["replica"]) as replica,
        ):
            read_there.save(update_fields=["last_login"])
        assert [q["sql"] for q in primary if q["sql"].startswith("UPDATE")], primary.captured_queries
        assert replica.captured_queries == []
    finally:
        db_router._reading.reset(token)


@pytest.mark.parametrize("lag", [None, 301.0], ids=["unreachable", "too-far-behind"])
def test_a_replica_out_of_reach_or_too_far_behind_is_left_aside(
    client_as, world, replica_on, monkeypatch, lag
):
    monkeypatch.setattr(db_router, "_lag_measure", lambda alias: lag)
    client = client_as("county_admin")
    response, primary, replica = _capture(client, "get", "/dashboard/")
    assert response.status_code == 200
    assert not _reads_cases(replica)
    assert _reads_cases(primary)
    assert NOTICE not in response.content.decode()


def test_the_lag_shown_is_the_measure_plus_its_age(replica_on, monkeypatch):
    monkeypatch.setattr(db_router, "_lag_measure", lambda alias: 12.2)
    assert 12.2 <= db_router.replica_lag("replica") < 13
    assert db_router.lag_display(12.2) == 13


def test_the_lag_query_answers_on_the_backend_under_test(replica_on):
    # PostgreSQL: the primary itself is not in recovery, so 0; SQLite: a copy of the file, 0.
    assert db_router._lag_measure("replica") == 0.0
