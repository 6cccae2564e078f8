"""Writing the generic roll-up: one upsert per write, in the writer's transaction, and the rebuild."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from functools import cache

from django.db import DEFAULT_DB_ALIAS, connections, transaction

from lianxin.core.inserts import hot_execute
from lianxin.core.paths import STEPLEN
from lianxin.core.paths import ancestor_paths as tree_ancestor_paths
from lianxin.rollups.models import FigureRollup
from lianxin.rollups.registry import Contribution, Figure, dims_text, figure_get, value_units


def ancestor_paths(path: str) -> list[str]:
    """The paths of the area at ``path`` and of every area above it, the county's first; a path that is not
    an area's is refused, so no figure is written under a key no area has."""
    if not path or len(path) % STEPLEN:
        raise ValueError(f"not an area path: {path!r}")
    return tree_ancestor_paths(path)


@cache
def _upsert_sql(rows: int, vendor: str) -> str:
    q = connections[DEFAULT_DB_ALIAS].ops.quote_name
    table = q(FigureRollup._meta.db_table)
    key, area_path, day, dims, value, count = (
        q(c) for c in ("key", "area_path", "day", "dims", "value", "count")
    )
    values = ", ".join(["(%s, %s, %s, %s, %s, %s)"] * rows)
    # Only our own table and column names go into the text; every value is a parameter. ON CONFLICT …
    # DO UPDATE is the same on SQLite (3.24+) and PostgreSQL; it adds, where bulk_create(update_conflicts)
    # could only overwrite.
    return (
        f"INSERT INTO {table} ({key}, {area_path}, {day}, {dims}, {value}, {count}) VALUES {values} "  # noqa: S608  # nosec B608
        f"ON CONFLICT ({key}, {area_path}, {day}, {dims}) DO UPDATE SET "
        f"{value} = {table}.{value} + excluded.{value}, {count} = {table}.{count} + excluded.{count}"
    )


def rollup_add(
    *, key: str, area_path: str, day: date, value, dims: dict | None = None, count: int = 1
) -> None:
    """Add ``value`` (and ``count`` writes) to figure ``key`` on ``day`` for the area at ``area_path`` and
    every area above it: one statement. Call it in the transaction of the write that changes the figure,
    so the roll-up commits or rolls back with it. A correction or a deletion adds the negative."""
    figure = figure_get(key)
    units = value_units(figure, value)
    if not units and not count:
        return
    connection = connections[DEFAULT_DB_ALIAS]
    text = dims_text(dims)
    day_param = connection.ops.adapt_datefield_value(day)
    paths = ancestor_paths(area_path)
    params = []
    for path in paths:
        params += [key, path, day_param, text, units, count]
    hot_execute(_upsert_sql(len(paths), connection.vendor), params)


def rollup_expected(figure: Figure, contributions: Iterable[Contribution] | None = None) -> dict:
    """The rows the roll-up of ``figure`` should hold, summed from its source: {(area_path, day, dims
    text): [units, count]}, rows that sum to nothing left out."""
    rows = defaultdict(lambda: [0, 0])
    for c in figure.source() if contributions is None else contributions:
        units = value_units(figure, c.value)
        text = dims_text(c.dims)
        for path in ancestor_paths(c.area_path):
            row = rows[(path, c.day, text)]
            row[0] += units
            row[1] += c.count
    return {k: v for k, v in rows.items() if v != [0, 0]}


def rollups_rebuild_figure(*, key: str) -> int:
    """Recompute the roll-up of figure ``key`` from its source rows, in one transaction (readers see the
    old rows until it commits). Returns the number of rows written."""
    figure = figure_get(key)
    expected = rollup_expected(figure)
    with transaction.atomic():
        FigureRollup.objects.filter(key=key).delete()
        FigureRollup.objects.bulk_create(
            (
                FigureRollup(key=key, area_path=path, day=day, dims=text, value=units, count=count)
                for (path, day, text), (units, count) in expected.items()
            ),
            batch_size=1000,
        )
    return len(expected)
