"""The test helper every figure of the generic roll-up is held to (import it from any app's tests)."""

from lianxin.rollups.models import FigureRollup
from lianxin.rollups.registry import Total, dims_parse, figure_get, units_value
from lianxin.rollups.selectors import rollup_sum
from lianxin.rollups.services import rollup_expected


def assert_rollup_matches(key: str) -> None:
    """Hold the stored roll-up of figure ``key`` equal to its direct computation:

    - the stored rows are exactly the rows its ``source`` sums to (every ancestor, day and dimensions;
      none missing, none extra, rows that came back to nothing aside);
    - for every stored row, and for every area over the whole span of days, with and without its
      dimensions, ``rollup_sum`` equals the figure's own ``compute`` from its rows.
    """
    figure = figure_get(key)
    stored = {
        (r.area_path, r.day, r.dims): [r.value, r.count]
        for r in FigureRollup.objects.filter(key=key)
        if r.value or r.count
    }
    expected = rollup_expected(figure)
    missing = sorted(set(expected) - set(stored))[:5]
    extra = sorted(set(stored) - set(expected))[:5]
    wrong = sorted(k for k in set(stored) & set(expected) if stored[k] != expected[k])[:5]
    # Raised, not asserted: a test helper that must hold under python -O as well.
    if missing or extra or wrong:
        raise AssertionError(
            f"roll-up of {key!r} differs from its source: missing {missing}, extra {extra}, "
            f"wrong {[(k, stored[k], expected[k]) for k in wrong]}"
        )
    if not stored:
        return
    for (path, day, text), (units, count) in stored.items():
        row = Total(units_value(figure, units), count)
        dims = dims_parse(text)
        direct = figure.compute(area_path=path, day_from=day, day_to=day, dims=dims)
        read = rollup_sum(key=key, area_path=path, day_from=day, day_to=day, dims=dims)
        if not row == read == direct:
            raise AssertionError(f"{key!r} {path} {day} {text}: row {row}, read {read}, direct {direct}")
    first = min(day for _path, day, _text in stored)
    last = max(day for _path, day, _text in stored)
    for path in sorted({path for path, _day, _text in stored}):
        direct = figure.compute(area_path=path, day_from=first, day_to=last, dims=None)
        read = rollup_sum(key=key, area_path=path, day_from=first, day_to=last)
        if read != direct:
            raise AssertionError(f"{key!r} {path} {first}–{last}: read {read}, direct {direct}")
