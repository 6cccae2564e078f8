"""Reading the generic roll-up."""

from datetime import date

from django.db.models import Sum

from lianxin.rollups.models import FigureRollup
from lianxin.rollups.registry import Total, dims_text, figure_get, units_value


def rollup_sum(*, key: str, area_path: str, day_from: date, day_to: date, dims: dict | None = None) -> Total:
    """Figure ``key`` for the area at ``area_path`` (its whole subtree) over the days ``day_from`` to
    ``day_to`` inclusive: read from that area's own rows. ``dims=None`` sums every combination of
    dimensions; a dict sums the rows of exactly those dimensions ({} the rows written without any)."""
    figure = figure_get(key)
    rows = FigureRollup.objects.filter(key=key, area_path=area_path, day__gte=day_from, day__lte=day_to)
    if dims is not None:
        rows = rows.filter(dims=dims_text(dims))
    sums = rows.aggregate(units=Sum("value"), count=Sum("count"))
    return Total(value=units_value(figure, sums["units"] or 0), count=sums["count"] or 0)
