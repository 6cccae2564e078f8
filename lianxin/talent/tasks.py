"""The talent app's Huey jobs (UTC schedules; Shanghai is UTC+8)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task


@db_periodic_task(crontab(hour="0", minute="30"), name="returnee_followups_daily")
def returnee_followups_daily() -> int:
    """Every morning (08:30 in Shanghai): tell the villages' secretaries of returnees without a follow-up
    within LIANXIN_RETURNEE_FOLLOWUP_DAYS (docs/talent/pool.md)."""
    from lianxin.talent.services.pool import returnee_followups_remind

    return returnee_followups_remind()
