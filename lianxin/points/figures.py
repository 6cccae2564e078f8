"""Points awarded, by area and day, in the generic roll-up (``points.awarded``, by ``source``: wish,
project, activity_hours …). Awards add, their reversals take back (count −1); redemptions and refunds are
spending, not awarding, and stay out. The place is where the person lived when the points were paid,
kept on the entry, so a move never rewrites past days."""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.db.models import Case, IntegerField, Sum, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.core.scope import under
from lianxin.points.models import EntryKind, PointsEntry
from lianxin.points.services.ledger import AWARDED
from lianxin.rollups.registry import Contribution, Figure, Total, figure_register

_KINDS = (EntryKind.AWARD, EntryKind.REVERSAL)


def _day_start(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def awarded_compute(*, area_path, day_from, day_to, dims=None) -> Total:
    rows = PointsEntry.objects.filter(
        under("area_path", area_path),
        kind__in=_KINDS,
        created_at__gte=_day_start(day_from),
        created_at__lt=_day_start(day_to + timedelta(days=1)),
    )
    if dims is not None:
        rows = rows.filter(source_kind=dims["source"]) if set(dims) == {"source"} else rows.none()
    sums = rows.aggregate(
        value=Sum("amount"),
        count=Sum(
            Case(When(kind=EntryKind.AWARD, then=Value(1)), default=Value(-1), output_field=IntegerField())
        ),
    )
    return Total(value=Decimal(sums["value"] or 0), count=sums["count"] or 0)


def awarded_source():
    rows = PointsEntry.objects.filter(kind__in=_KINDS).exclude(area_path="")
    for kind, path, at, amount, source in rows.values_list(
        "kind", "area_path", "created_at", "amount", "source_kind"
    ).iterator():
        yield Contribution(
            path,
            timezone.localdate(at),
            amount,
            {"source": source},
            1 if kind == EntryKind.AWARD else -1,
        )


def register() -> None:
    from lianxin.points import territory

    # The tables of the figures page, the API and the dashboard's 服务与志愿 panel (rollups.tables).
    territory.register()
    figure_register(
        Figure(
            key=AWARDED,
            label=_("points awarded"),
            unit=_("points"),
            compute=awarded_compute,
            source=awarded_source,
        )
    )
