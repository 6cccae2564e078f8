"""Huey: a mobilisation's notices, sent in batches of LIANXIN_MOBILISATION_BATCH once it is launched; the
sweep resends any batch a crashed worker left behind."""

from datetime import timedelta

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task


@db_task(name="mobilisation_send")
def mobilisation_send(pk: int) -> int:
    from lianxin.readiness.services import mobilisation_send_batches

    return mobilisation_send_batches(pk)


@db_periodic_task(crontab(minute="*/5"), name="mobilisation_sweep")
def mobilisation_sweep() -> None:
    from lianxin.readiness.models import MobilisationRecipient
    from lianxin.readiness.services import mobilisation_send_batches

    since = timezone.now() - timedelta(days=2)
    stuck = (
        MobilisationRecipient.objects.filter(notified_at__isnull=True, mobilisation__launched_at__gte=since)
        .values_list("mobilisation_id", flat=True)
        .distinct()
    )
    for pk in list(stuck):
        mobilisation_send_batches(pk)
