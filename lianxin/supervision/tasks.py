"""The supervision app's Huey jobs (UTC schedules; Shanghai is UTC+8)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task


@db_periodic_task(crontab(hour="22", minute="45"), name="progress_rounds_due")
def progress_rounds_due_job() -> int:
    """Every morning (06:45 in Shanghai): open the progress rounds whose day has come."""
    from lianxin.supervision.services.key_tasks import progress_rounds_due

    return progress_rounds_due()
