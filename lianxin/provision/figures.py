"""The provision app's figures in the generic roll-up: material notices by area and day, first and second
(``dims={"notice": "second"}``: a case needed another notice, the failure one-time notification is
meant to prevent, P002-44)."""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.core.scope import under
from lianxin.rollups.registry import Contribution, Figure, Total, figure_register

NOTICES = "provision.material_notices"
FIRST, SECOND = "first", "second"


def notice_dims(seq: int) -> dict:
    return {"notice": SECOND if seq > 1 else FIRST}


def _day_start(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def notices_compute(*, area_path, day_from, day_to, dims=None) -> Total:
    from lianxin.provision.models import MaterialNotice

    rows = MaterialNotice.objects.filter(
        under("area_path", area_path),
        created_at__gte=_day_start(day_from),
        created_at__lt=_day_start(day_to + timedelta(days=1)),
    )
    if dims is not None:
        if set(dims) != {"notice"} or dims["notice"] not in (FIRST, SECOND):
            rows = rows.none()
        elif dims["notice"] == SECOND:
            rows = rows.filter(seq__gt=1)
        else:
            rows = rows.filter(seq=1)
    n = rows.aggregate(n=Count("pk"))["n"]
    return Total(value=Decimal(n), count=n)


def notices_source():
    from lianxin.provision.models import MaterialNotice

    for path, at, seq in MaterialNotice.objects.values_list("area_path", "created_at", "seq").iterator():
        yield Contribution(path, timezone.localdate(at), 1, notice_dims(seq))


def register() -> None:
    figure_register(
        Figure(
            key=NOTICES,
            label=_("material notices"),
            unit=_("notices"),
            compute=notices_compute,
            source=notices_source,
        )
    )
