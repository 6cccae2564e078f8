"""The deliberation app's periodic job (Huey schedules in UTC)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from lianxin.deliberation.services.rota import meetings_missed as missed_find


@db_periodic_task(crontab(minute="40", hour="17"), name="meetings_missed")
def meetings_missed() -> int:
    """Daily (01:40 Beijing time): the periods of each meeting schedule that passed without the meeting."""
    return missed_find()
