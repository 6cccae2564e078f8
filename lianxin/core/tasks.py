"""Periodic housekeeping jobs run by the Huey consumer."""

from django.db import connection
from huey import crontab
from huey.contrib.djhuey import db_periodic_task


# Huey schedules in UTC (settings.HUEY["utc"]): 19:45 UTC is 03:45 in Asia/Shanghai, the quietest hour.
# (The sessions' nightly clean-up is the security app's: lianxin.security.tasks.)
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
