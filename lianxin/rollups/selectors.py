"""Reading the generic roll-up. PostgreSQL sums a bigint column as numeric (a Decimal in Python): counts are
made ints again, values go through the figure's places."""

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
    return Total(value=units_value(figure, sums["units"] or 0), count=int(sums["count"] or 0))


def rollup_sums(
    *, key: str, area_paths: list[str], day_from: date, day_to: date, dims: dict | None = None
) -> dict[str, Total]:
    """``rollup_sum`` for several areas at once (the streets of a county for a ranking): one query, every
    asked path in the answer (a zero Total for an area with no rows)."""
    figure = figure_get(key)
    rows = FigureRollup.objects.filter(key=key, area_path__in=area_paths, day__gte=day_from, day__lte=day_to)
    if dims is not None:
        rows = rows.filter(dims=dims_text(dims))
    sums = {
        r["area_path"]: Total(units_value(figure, r["units"]), int(r["count"]))
        for r in rows.values("area_path").annotate(units=Sum("value"), count=Sum("count")).order_by()
    }
    return {path: sums.get(path, Total(units_value(figure, 0), 0)) for path in area_paths}
