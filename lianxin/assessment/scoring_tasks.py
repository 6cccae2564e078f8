"""The scoring part's Huey job: results_refresh recomputes every live scheme each night (its function
indicators read records that change without a mark: cases, fees, tasks); a batch is written only when a
result differs."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task


@db_periodic_task(crontab(minute="20", hour="2"), name="results_refresh")
def results_refresh() -> int:
    from lianxin.assessment.services.scoring import schemes_refresh_all

    return schemes_refresh_all()
