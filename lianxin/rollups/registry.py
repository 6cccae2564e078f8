"""The figures the generic roll-up keeps, as apps declare them.

An app declares each of its figures once, from its ``AppConfig.ready()``::

    figure_register(Figure(
        key="volunteer.hours", label=_("volunteer hours"), unit=_("hours"), places=1,
        compute=volunteer_hours_direct,   # (*, area_path, day_from, day_to, dims=None) -> Total
        source=volunteer_hours_source,    # () -> iterable of Contribution, for the rebuild and the tests
    ))

and calls ``lianxin.rollups.services.rollup_add`` in the transaction of every write that changes it. The
two functions say the same thing as those writes, from the app's own rows: ``source`` yields one
contribution per row (the rebuild sums them), ``compute`` sums them in SQL for one area (its subtree) and
a range of days. ``lianxin.rollups.testing.assert_rollup_matches`` holds the three to each other.
"""

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ImproperlyConfigured

MAX_DIMS = 200  # FigureRollup.dims


@dataclass(frozen=True)
class Total:
    """A figure's sum over some rows and how many writes made it."""

    value: Decimal
    count: int


@dataclass(frozen=True)
class Contribution:
    """One source row's part of a figure: the area path of its place (not an ancestor's), its local day."""

    area_path: str
    day: date
    value: int | Decimal
    dims: dict | None = None
    count: int = 1


@dataclass(frozen=True)
class Figure:
    key: str  # "<app>.<figure>", e.g. "volunteer.hours"
    label: str  # the figure's Chinese name on screens and exports (a lazy gettext)
    unit: str  # its unit in words (a lazy gettext): 分、小时、元 …
    compute: Callable[..., Total]
    source: Callable[[], Iterable[Contribution]]
    places: int = 0  # decimal places kept: 2 for yuan (sums in fen), 1 for hours …


_FIGURES: dict[str, Figure] = {}


def figure_register(figure: Figure) -> Figure:
    """Declare a figure. Declaring the same one again (a second ``ready()``) is harmless; another figure
    under a key already taken is a programming error."""
    known = _FIGURES.get(figure.key)
    if known is not None and known != figure:
        raise ImproperlyConfigured(f"figure {figure.key!r} is already registered by another declaration")
    if not 0 <= figure.places <= 6:
        raise ImproperlyConfigured(f"figure {figure.key!r}: places must be between 0 and 6")
    _FIGURES[figure.key] = figure
    return figure


def figure_unregister(key: str) -> None:
    """Forget a figure (for tests that declare their own)."""
    _FIGURES.pop(key, None)


def figure_get(key: str) -> Figure:
    try:
        return _FIGURES[key]
    except KeyError:
        raise ImproperlyConfigured(f"no figure {key!r} is registered") from None


def figures_all() -> list[Figure]:
    return [_FIGURES[key] for key in sorted(_FIGURES)]


def dims_text(dims: dict | None) -> str:
    """The canonical text of a figure's dimensions: one text for one set of (name, value) pairs whatever
    their order, "" for none."""
    if not dims:
        return ""
    for name, value in dims.items():
        if not isinstance(name, str) or isinstance(value, bool) or not isinstance(value, str | int):
            raise ValueError(f"dimension {name!r}: names are text and values text or whole numbers")
    text = json.dumps(dims, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    if len(text) > MAX_DIMS:
        raise ValueError(f"dimensions longer than {MAX_DIMS} characters: {text}")
    return text


def dims_parse(text: str) -> dict:
    return json.loads(text) if text else {}


def value_units(figure: Figure, value) -> int:
    """``value`` in whole units of 10^-places of the figure, refusing what it cannot hold exactly (a float
    is refused outright: 0.1 is not a tenth in binary)."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise TypeError(f"figure {figure.key!r}: a value is an int or a Decimal, not {type(value).__name__}")
    units = Decimal(value).scaleb(figure.places)
    if units != units.to_integral_value():
        raise ValueError(f"figure {figure.key!r} keeps {figure.places} decimal places, not {value}")
    return int(units)


def units_value(figure: Figure, units: int) -> Decimal:
    return Decimal(units).scaleb(-figure.places)
