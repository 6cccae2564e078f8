"""Periodic housekeeping jobs run by the Huey consumer."""

from django.contrib.sessions.models import Session
from django.db import connection
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task


# Huey schedules in UTC (settings.HUEY["utc"]): 19:15 UTC is 03:15 in Asia/Shanghai, the quietest hour.
@db_periodic_task(crontab(hour="19", minute="15"), name="sessions_clear_expired")
def sessions_clear_expired() -> int:
    """Delete sessions past their expiry, nightly, so the table holds only live sign-ins."""
    from lianxin.security.models import UserSession

    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    # The account's list of its sessions forgets those that no longer exist.
    UserSession.objects.exclude(session_key__in=Session.objects.values("session_key")).delete()
    return deleted


@db_periodic_task(crontab(hour="19", minute="45"), name="database_statistics_refresh")
def database_statistics_refresh() -> str:
    """Refresh the query planner's statistics nightly. PostgreSQL's autovacuum does this by itself; SQLite
    keeps none until asked, and without them it cannot tell that a partial index over the few open or
    unanswered cases is worth more than the index over every case of an area (the overdue lists)."""
    if connection.vendor != "sqlite":
        return "autovacuum"
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("PRAGMA optimize")
    return "analyzed"


@db_periodic_task(crontab(minute="25"), name="idempotent_answers_clear")
def idempotent_answers_clear() -> int:
    """Delete the API's kept answers older than API_IDEMPOTENCY_HOURS, hourly, so that the table holds
    only a day of writes (a retry comes within minutes)."""
    from lianxin.core.api_idempotency import answers_clear_expired

    return answers_clear_expired()
