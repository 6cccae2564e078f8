from datetime import datetime, timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone
from huey.contrib.djhuey import HUEY

from lianxin.core.tasks import database_statistics_refresh
from lianxin.security.tasks import sessions_clear_expired


def _session(expires_in: timedelta) -> str:
    store = SessionStore()
    store["user"] = "x"
    store.create()
    Session.objects.filter(session_key=store.session_key).update(expire_date=timezone.now() + expires_in)
    return store.session_key


@pytest.mark.django_db
def test_clearing_sessions_deletes_the_expired_and_keeps_the_live():
    expired = _session(timedelta(minutes=-1))
    live = _session(timedelta(hours=1))

    sessions_clear_expired()  # through Huey, run inline in immediate mode

    assert not Session.objects.filter(session_key=expired).exists()
    assert Session.objects.filter(session_key=live).exists()


@pytest.mark.django_db
def test_clearing_sessions_reports_how_many_it_deleted():
    _session(timedelta(minutes=-5))
    _session(timedelta(minutes=-1))

    assert sessions_clear_expired.call_local() == 2


def test_clearing_sessions_is_scheduled_nightly_at_a_quiet_hour():
    periodic = {task.name: task for task in HUEY._registry.periodic_tasks}
    assert "sessions_clear_expired" in periodic
    # 19:15 UTC is 03:15 in Asia/Shanghai.
    assert periodic["sessions_clear_expired"].validate_datetime(datetime(2026, 11, 23, 19, 15))
    assert not periodic["sessions_clear_expired"].validate_datetime(datetime(2026, 11, 23, 3, 15))


@pytest.mark.django_db
def test_the_planner_statistics_are_refreshed_nightly():
    from django.db import connection

    result = database_statistics_refresh.call_local()

    if connection.vendor == "sqlite":
        assert result == "analyzed"
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
            assert cursor.fetchone()[0] == 1
    else:
        assert result == "autovacuum"
    periodic = {task.name: task for task in HUEY._registry.periodic_tasks}
    assert periodic["database_statistics_refresh"].validate_datetime(datetime(2026, 11, 23, 19, 45))
