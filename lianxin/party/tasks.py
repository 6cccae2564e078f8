"""The party app's periodic jobs: the alliance chair's automatic hand-over (P003-35), daily (Huey schedules
in UTC: 00:10 = 08:10 in Asia/Shanghai, so a term ending today is handed over in the morning)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from lianxin.party.services.alliance_chairs import alliance_chairs_rotate as rotate


@db_periodic_task(crontab(minute="10", hour="0"), name="alliance_chairs_rotate")
def alliance_chairs_rotate() -> int:
    return rotate()
