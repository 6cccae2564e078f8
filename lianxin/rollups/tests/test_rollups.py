"""The generic roll-up: a figure declared here (participants of place activities, by function, a test-only
declaration over real rows) is kept per ancestor area and day in the writer's transaction, read for any
area, rebuilt from its rows, and held equal to its direct computation by ``assert_rollup_matches``."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, Sum

from lianxin.areas.models import Place, PlaceActivity, PlaceFunction
from lianxin.core.scope import under
from lianxin.rollups.models import FigureRollup
from lianxin.rollups.registry import (
    Contribution,
    Figure,
    Total,
    dims_text,
    figure_register,
    figure_unregister,
    value_units,
)
from lianxin.rollups.selectors import rollup_sum, rollup_sums
from lianxin.rollups.services import ancestor_paths, rollup_add
from lianxin.rollups.testing import assert_rollup_matches

pytestmark = pytest.mark.django_db

KEY = "test.participants"
HALF = "test.half_participants"  # the same rows at one decimal place: half a participant each


def _direct(*, area_path, day_from, day_to, dims=None, factor=Decimal(1)):
    rows = PlaceActivity.objects.filter(
        under("area_path", area_path), held_on__gte=day_from, held_on__lte=day_to
    )
    if dims is not None:
        rows = rows.filter(function__code=dims["function"]) if dims else rows.none()
    sums = rows.aggregate(value=Sum("participants"), count=Count("id"))
    return Total(value=Decimal(sums["value"] or 0) * factor, count=sums["count"])


def _source(factor=Decimal(1)):
    for a in PlaceActivity.objects.select_related("function"):
        yield Contribution(a.area_path, a.held_on, a.participants * factor, {"function": a.function.code})


@pytest.fixture
def figures(world):
    figure_register(Figure(key=KEY, label="参与人数", unit="人", compute=_direct, source=_source))
    half = Decimal("0.5")
    figure_register(
        Figure(
            key=HALF,
            label="半数",
            unit="人",
            places=1,
            compute=lambda **kw: _direct(**kw, factor=half),
            source=lambda: _source(half),
        )
    )
    # A figure declared over rows that already exist (the small world's activities) starts with a rebuild.
    call_command("figure_rollups_rebuild", verbosity=0)
    yield
    figure_unregister(KEY)
    figure_unregister(HALF)


@pytest.fixture
def places(world):
    return [Place.objects.filter(area=c).order_by("id").first() for c in world.communities[:2]]


def _hold(place, code, held_on, participants):
    """What a service that owns the figure does: write its row and the roll-up in one transaction."""
    with transaction.atomic():
        activity = PlaceActivity.objects.create(
            place=place,
            function=PlaceFunction.objects.get(code=code),
            title="活动",
            held_on=held_on,
            participants=participants,
            area_path=place.area_path,
        )
        dims = {"function": code}
        rollup_add(key=KEY, area_path=place.area_path, day=held_on, value=participants, dims=dims)
        rollup_add(
            key=HALF, area_path=place.area_path, day=held_on, value=participants * Decimal("0.5"), dims=dims
        )
    return activity


def _cancel(activity):
    with transaction.atomic():
        dims = {"function": activity.function.code}
        for key, value in ((KEY, activity.participants), (HALF, activity.participants * Decimal("0.5"))):
            rollup_add(
                key=key, area_path=activity.area_path, day=activity.held_on, value=-value, dims=dims, count=-1
            )
        activity.delete()


def test_writes_are_rolled_up_for_every_ancestor_and_equal_the_direct_computation(figures, places, world):
    first, second = places
    _hold(first, "party_education", date(2020, 3, 1), 12)
    _hold(first, "party_education", date(2020, 3, 1), 7)
    _hold(first, "business_training", date(2020, 3, 2), 5)
    _hold(second, "party_education", date(2020, 3, 2), 3)

    for key in (KEY, HALF):
        assert_rollup_matches(key)
    # One row per ancestor of the first place, its first day and function (two activities in it).
    rows = FigureRollup.objects.filter(key=KEY, day=date(2020, 3, 1))
    assert sorted(rows.values_list("area_path", flat=True)) == ancestor_paths(first.area_path)
    assert {(r.value, r.count) for r in rows} == {(19, 2)}

    county = world.county.path
    march = {"day_from": date(2020, 3, 1), "day_to": date(2020, 3, 31)}
    assert rollup_sum(key=KEY, area_path=county, **march) == Total(Decimal(27), 4)
    assert rollup_sum(key=KEY, area_path=first.area_path, **march) == Total(Decimal(24), 3)
    assert rollup_sum(key=KEY, area_path=county, dims={"function": "party_education"}, **march) == Total(
        Decimal(22), 3
    )
    assert rollup_sum(key=KEY, area_path=county, dims={}, **march) == Total(Decimal(0), 0)
    assert rollup_sum(key=HALF, area_path=county, **march) == Total(Decimal("13.5"), 4)
    assert rollup_sum(key=KEY, area_path=county, day_from=date(2020, 3, 2), day_to=date(2020, 3, 2)) == Total(
        Decimal(8), 2
    )
    # Several areas in one read, as a ranking asks: each the same as its own rollup_sum.
    paths = [first.area_path, second.area_path, world.villages[0].path]
    sums = rollup_sums(key=KEY, area_paths=paths, **march)
    assert sums == {path: rollup_sum(key=KEY, area_path=path, **march) for path in paths}
    assert [sums[p].value for p in paths] == [24, 3, 0]
    # Counts are whole numbers on both databases (PostgreSQL sums a bigint as numeric).
    assert {type(t.count) for t in [*sums.values(), rollup_sum(key=KEY, area_path=county, **march)]} == {int}


def test_a_write_that_rolls_back_leaves_no_roll_up(figures, places):
    with pytest.raises(RuntimeError), transaction.atomic():
        _hold(places[0], "party_education", date(2020, 3, 1), 12)
        raise RuntimeError("the writer fails after the roll-up")
    assert not FigureRollup.objects.filter(day=date(2020, 3, 1)).exists()
    assert_rollup_matches(KEY)


def test_a_cancelled_write_takes_its_part_back(figures, places):
    kept = _hold(places[0], "party_education", date(2020, 3, 1), 12)
    gone = _hold(places[0], "business_training", date(2020, 3, 1), 9)
    _cancel(gone)
    for key in (KEY, HALF):
        assert_rollup_matches(key)
    total = rollup_sum(key=KEY, area_path=kept.area_path, day_from=kept.held_on, day_to=kept.held_on)
    assert total == Total(Decimal(12), 1)


def test_the_helper_catches_a_drifted_roll_up_and_the_rebuild_mends_it(figures, places, world):
    activity = _hold(places[0], "party_education", date(2020, 3, 1), 12)
    # A row written outside the figure's services: the roll-up no longer says what the rows say.
    PlaceActivity.objects.filter(pk=activity.pk).update(participants=20)
    with pytest.raises(AssertionError, match="wrong"):
        assert_rollup_matches(KEY)
    FigureRollup.objects.create(key=KEY, area_path=world.county.path, day=date(2020, 4, 1), value=1, count=1)
    with pytest.raises(AssertionError, match="extra"):
        assert_rollup_matches(KEY)

    call_command("figure_rollups_rebuild", "--key", KEY, verbosity=0)
    assert_rollup_matches(KEY)
    assert rollup_sum(
        key=KEY, area_path=world.county.path, day_from=date(2020, 1, 1), day_to=date(2020, 12, 31)
    ) == Total(Decimal(20), 1)
    # The rebuild of one figure leaves the others alone.
    with pytest.raises(AssertionError):
        assert_rollup_matches(HALF)
    call_command("figure_rollups_rebuild", verbosity=0)
    assert_rollup_matches(HALF)


def test_unknown_figures_and_inexact_values_are_refused(figures, places):
    with pytest.raises(ImproperlyConfigured):
        rollup_add(key="test.unknown", area_path=places[0].area_path, day=date(2020, 3, 1), value=1)
    with pytest.raises(CommandError, match="test.unknown"):
        call_command("figure_rollups_rebuild", "--key", "test.unknown", verbosity=0)
    with pytest.raises(ImproperlyConfigured):
        figure_register(Figure(key=KEY, label="另一个", unit="人", compute=_direct, source=_source))
    half = Figure(key=HALF, label="半数", unit="人", compute=_direct, source=_source, places=1)
    assert value_units(half, Decimal("2.5")) == 25
    with pytest.raises(ValueError, match="1 decimal places"):
        value_units(half, Decimal("2.25"))
    with pytest.raises(TypeError):
        value_units(half, 2.5)
    with pytest.raises(ValueError):
        rollup_add(key=KEY, area_path="abc", day=date(2020, 3, 1), value=1)
    assert not FigureRollup.objects.filter(day=date(2020, 3, 1)).exists()


def test_dimensions_have_one_text_whatever_their_order():
    assert dims_text({"b": 1, "a": "党建"}) == dims_text({"a": "党建", "b": 1}) == '{"a":"党建","b":1}'
    assert dims_text(None) == dims_text({}) == ""
    with pytest.raises(ValueError):
        dims_text({"a": 1.5})
