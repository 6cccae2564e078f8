"""Rankings of an area's children: ties share a rank, small volumes are listed unranked after the rest."""

from datetime import date

from lianxin.areas.models import Area
from lianxin.cases.figures import figures_rank, hot_spots, period_of
from lianxin.cases.models import CaseRollup
from lianxin.core.paths import ancestor_paths
from tests.cases_world import category


def _counts(area, day, *, reported, closed, cat="stair_light"):
    """Roll-up rows as the roll-up keeps them: the area's own and every ancestor's."""
    for path in ancestor_paths(area.path):
        row, _ = CaseRollup.objects.get_or_create(
            area_path=path, day=day, category=category(cat), kind="problem"
        )
        row.reported += reported
        row.closed += closed
        row.handling_seconds += closed * 3600
        row.save()


def test_children_are_ranked_with_ties_and_the_minimum_volume_rule(world):
    county = world.county
    a, b = world.streets
    c, d = world.townships
    day = date(2026, 3, 10)
    _counts(a, day, reported=100, closed=80)  # 80 %
    _counts(b, day, reported=50, closed=40)  # 80 %, tied with a, smaller volume
    _counts(c, day, reported=40, closed=36)  # 90 %
    _counts(d, day, reported=5, closed=5)  # 100 % but only 5 cases
    rows = figures_rank(area=county, period=period_of("month", day), figure="resolution_rate", min_volume=10)
    assert [(r.area.pk, r.rank) for r in rows] == [(c.pk, 1), (a.pk, 2), (b.pk, 2), (d.pk, None)]
    assert rows[0].value == 0.9 and rows[-1].volume == 5

    # Lower is better for the handling time: everyone took one hour, so all tie at rank 1.
    by_time = figures_rank(
        area=county, period=period_of("month", day), figure="handling_hours", min_volume=10
    )
    assert [r.rank for r in by_time] == [1, 1, 1, None]


def test_hot_spots_are_the_places_and_categories_rising_most(world):
    county = world.county
    a, b = world.streets
    _counts(a, date(2026, 3, 3), reported=2, closed=0)
    _counts(a, date(2026, 3, 10), reported=9, closed=0, cat="water_leak")
    _counts(b, date(2026, 3, 3), reported=8, closed=0)
    _counts(b, date(2026, 3, 10), reported=4, closed=0)
    spots = hot_spots(area=county, period=period_of("week", date(2026, 3, 10)))
    assert [(s.key, s.current, s.previous) for s in spots["places"]] == [(a.path, 9, 2)]
    assert [s.label for s in spots["categories"]] == ["管道漏水"]
    assert Area.objects.get(path=a.path) == a
