"""A replica that goes away between two lag checks: the read-only view that was reading from it is answered
from the primary, and the replica is left aside until its next check (lianxin.core.db_router)."""

import pytest
from django.db import OperationalError
from django.test import RequestFactory

from lianxin.core import db_router
from lianxin.core.db_router import read_from_replica, replica_read


@pytest.fixture
def replica_on(settings, monkeypatch):
    settings.REPLICA_DATABASE = "replica"
    db_router.lag_cache_clear()
    monkeypatch.setattr(db_router, "_lag_measure", lambda alias: 0.0)
    yield
    db_router.lag_cache_clear()


def _view(calls):
    @read_from_replica
    def view(request):
        calls.append(replica_read())
        if replica_read() is not None:
            raise OperationalError("server closed the connection unexpectedly")
        return "answered"

    return view


def test_a_replica_lost_mid_view_sends_the_view_to_the_primary(replica_on, monkeypatch):
    monkeypatch.setattr(db_router, "_usable", lambda alias: False)
    calls = []
    assert _view(calls)(RequestFactory().get("/")) == "answered"
    assert [c is None for c in calls] == [False, True]
    assert db_router.replica_lag("replica") is None  # left aside until the next check
    calls.clear()
    assert _view(calls)(RequestFactory().get("/")) == "answered"
    assert calls == [None]


def test_an_error_of_the_primary_is_not_hidden(replica_on, monkeypatch):
    monkeypatch.setattr(db_router, "_usable", lambda alias: True)
    with pytest.raises(OperationalError):
        _view([])(RequestFactory().get("/"))
    assert db_router.replica_lag("replica") == pytest.approx(0.0, abs=1)
