"""Nightly: previews nobody confirmed lose their stored rows (they hold personal numbers)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from lianxin.imports.services import batches_expire


# 19:30 UTC is 03:30 in Asia/Shanghai, after the sessions clean-up.
@db_periodic_task(crontab(hour="19", minute="30"), name="import_batches_expire")
def import_batches_expire() -> int:
    return batches_expire()
