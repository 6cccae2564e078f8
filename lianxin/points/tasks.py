"""The points app's periodic job (Huey schedules in UTC)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from lianxin.points.services import redemptions_expire


@db_periodic_task(crontab(minute="41"), name="points_redemptions_expire")
def redemptions_expire_task() -> int:
    """Hourly: codes not confirmed within LIANXIN_REDEMPTION_DAYS lapse; points and stock go back."""
    return redemptions_expire()
