"""The Monday bulletin job (Huey schedules in UTC: 22:30 UTC on Sunday is 06:30 on Monday in Shanghai)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from lianxin.dashboard.bulletins import bulletins_weekly


@db_periodic_task(crontab(day_of_week="0", hour="22", minute="30"), name="bulletins_weekly")
def bulletins_weekly_job() -> int:
    """Every Monday morning: last week's bulletin for every county, street and township."""
    return bulletins_weekly()
