"""The roll-up says what the case table says: after random streams of steps through the services, for
random areas, periods and filters, and after ``rollups_rebuild``."""

import random
from datetime import timedelta

from django.core.management import call_command
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lianxin.areas.models import Area
from lianxin.cases.figures import Figures, figures_for_area, period_of
from lianxin.cases.models import CaseRollup, Kind
from lianxin.cases.models.rollups import COUNTS
from lianxin.cases.tests.figures_stream import stream_run
from tests.cases_world import MONDAY_10, category


def _rows():
    return {
        (r.area_path, r.day, r.category_id, r.kind): tuple(getattr(r, c) for c in COUNTS)
        for r in CaseRollup.objects.all()
        if any(getattr(r, c) for c in COUNTS)
    }


def _areas(places, world):
    return [
        world.county,
        places.street,
        places.community,
        places.estate,
        places.building,
        places.other_estate,
        places.other_community_estate,
        Area.objects.get_root_nodes().first(),
    ]


@settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_the_roll_up_equals_a_direct_count_after_any_stream_of_steps(seed, cast, places, clock, world):
    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    with transaction.atomic():
        clock.set(MONDAY_10)  # the clock fixture lives across examples: start each one afresh
        start = clock.now
        stream_run(rng=rng, cast=cast, places=places, clock=clock, steps=50)
        first_day = start.date()
        checks = 0
        # The whole tree over the stream's year first, so that the comparison always counts something (twelve
        # random picks can all miss the stream's few cases); then random areas, periods, kinds, categories.
        picks = [(_areas(places, world)[-1], "", None, first_day, "year")]
        for _ in range(12):
            area = rng.choice(_areas(places, world))
            kind = rng.choice(["", "", Kind.PROBLEM, Kind.DISPUTE, Kind.TASK])
            cat = rng.choice([None, None, category("property"), category("stair_light")])
            day = first_day + timedelta(days=rng.randint(-1, 12))
            picks.append((area, kind, cat, day, rng.choice(["day", "week", "month", "quarter", "year"])))
        for area, kind, cat, day, period_kind in picks:
            period = period_of(period_kind, day)
            filters = {"area": area, "period": period, "kind": kind, "category": cat}
            from_rollup = figures_for_area(source="rollup", **filters)
            direct = figures_for_area(source="cases", **filters)
            assert from_rollup.counts == direct.counts, (area, period, kind, cat)
            by_rollup = figures_for_area(source="rollup", by="child", **filters)
            by_cases = figures_for_area(source="cases", by="child", **filters)
            assert {k: v.counts for k, v in by_rollup.items()} == {k: v.counts for k, v in by_cases.items()}
            checks += from_rollup.reported
        assert checks > 0 or not CaseRollup.objects.exists()

        incremental = _rows()
        call_command("rollups_rebuild", verbosity=0)
        assert _rows() == incremental
        transaction.set_rollback(True)


def test_counts_add_up(cast, places, clock, world):
    rng = random.Random(7)  # noqa: S311 - test data
    stream_run(rng=rng, cast=cast, places=places, clock=clock, steps=40)
    f = figures_for_area(area=world.county, period=period_of("year", clock.now.date()))
    assert f.reported > 0
    assert f.response_on_time + f.response_late + f.unresponded == f.reported
    assert f.closed + f.open + f.rejected + f.merged == f.reported
    assert f.one_pass <= f.closed and f.in_building <= f.in_estate <= f.closed
    assert isinstance(f + Figures(), Figures)
