"""Delivering notifications, from Huey: right after the writing transaction commits, and a sweep each
minute for anything left (a consumer that was down, an enqueue that failed)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from lianxin.notifications.models import Outbox
from lianxin.notifications.services import outbox_deliver


@db_task(name="outbox_process")
def outbox_process() -> int:
    delivered = 0
    for outbox_id in (
        Outbox.objects.filter(processed_at__isnull=True).order_by("id").values_list("id", flat=True)[:500]
    ):
        delivered += outbox_deliver(outbox_id=outbox_id)
    return delivered


@db_periodic_task(crontab(minute="*"), name="outbox_sweep")
def outbox_sweep() -> int:
    return outbox_process.call_local()
