"""Territory tables (区域统计表): the tables of the figures page (/coverage/figures/), its workbook, the
API (GET /api/v1/territory-figures/) and the dashboard's panels, as apps declare them.

An app declares each of its tables once, from its ``AppConfig.ready()`` (or the module its ready() runs)::

    territory_table_register(TerritoryTable(
        key="provision.orders_by_mechanism", title=_("Service orders by mechanism"),
        compute=orders_by_mechanism,   # (*, user, root, since, until) -> list[Row]
        order=500, group=SERVICES,
    ))

``compute`` counts within what ``user`` may see, under ``root`` (an ``areas.Area``; None: all the user's
areas), and within ``since``–``until`` (dates, None: the table's default period) where a period makes
sense. The party app's own organisation tables come first; registered tables follow by ``order``. The
registry lives here, in the small shared roll-up app, so that ``points`` (which imports only people and
the roll-up) and every other app can declare tables without the party app knowing them.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ImproperlyConfigured

SERVICES = "services"  # the dashboard's 服务与志愿 panel shows the tables of this group


@dataclass
class Row:
    label: str
    value: object
    note: str = ""
    # Where the number opens into what it counts (the organisations of a field …), when it can.
    url: str = ""


@dataclass(frozen=True)
class TerritoryTable:
    key: str  # "<app>.<table>"
    title: str  # a lazy gettext
    compute: Callable[..., list[Row]]
    order: int = 1000
    group: str = ""


_TABLES: dict[str, TerritoryTable] = {}


def territory_table_register(table: TerritoryTable) -> TerritoryTable:
    """Declare a table; the same declaration again is harmless, another one under a taken key is an error."""
    known = _TABLES.get(table.key)
    if known is not None and known != table:
        raise ImproperlyConfigured(f"territory table {table.key!r} is already registered")
    _TABLES[table.key] = table
    return table


def territory_table_unregister(key: str) -> None:
    """Forget a table (for tests that declare their own)."""
    _TABLES.pop(key, None)


def territory_tables(group: str | None = None, *, exclude: str | None = None) -> list[TerritoryTable]:
    tables = sorted(_TABLES.values(), key=lambda t: (t.order, t.key))
    return [
        t for t in tables if (group is None or t.group == group) and (exclude is None or t.group != exclude)
    ]


def territory_tables_compute(
    *,
    user,
    root=None,
    since: date | None = None,
    until: date | None = None,
    group: str | None = None,
    exclude: str | None = None,
) -> list[tuple[str, list[Row]]]:
    """Every registered table (of ``group``, not of ``exclude``), computed: (title, rows) in order."""
    return [
        (t.title, t.compute(user=user, root=root, since=since, until=until))
        for t in territory_tables(group, exclude=exclude)
    ]


def scope_paths(user, root=None) -> list[str]:
    """The area paths a table counts under: ``root``'s, or the outermost areas the user may see."""
    from lianxin.core.scope import VIEW, grants_for, outermost

    if root is not None:
        return [root.path]
    return list(outermost(grants_for(user).area_paths[VIEW]))


def paths_q(field: str, paths: list[str]):
    """Rows whose ``field`` lies under one of ``paths`` (none when there is none)."""
    from django.db.models import Q

    from lianxin.core.paths import under

    condition = Q(pk__in=[])
    for path in paths:
        condition |= under(field, path)
    return condition
