"""The loop's periodic jobs (Huey schedules in UTC; both run around the clock)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from lianxin.cases.services.timers import cases_auto_rate, cases_mark_overdue


@db_periodic_task(crontab(minute="*/5"), name="cases_time_limits")
def cases_time_limits() -> dict:
    """Every five minutes: flag passed time limits, notify, escalate where the category says so."""
    return cases_mark_overdue()


@db_periodic_task(crontab(minute="17"), name="cases_auto_rating")
def cases_auto_rating() -> int:
    """Hourly: rate and close what reporters left unrated past their category's period."""
    return cases_auto_rate()
