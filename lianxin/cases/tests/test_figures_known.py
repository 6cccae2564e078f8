"""Each figure on a handful of hand-made cases whose answers are known, from the roll-up and directly."""

from datetime import timedelta

import pytest

from lianxin.cases import services
from lianxin.cases.figures import FIGURE_FILTERS, figures_change, figures_for_area, period_of
from lianxin.cases.models import Case, Rating
from lianxin.cases.selectors import CaseFilters, case_list
from tests.cases_world import category


@pytest.fixture
def five_cases(cast, places, clock):
    """A one-pass stair light; a leak escalated, handled late, reopened, closed; a rejected road report;
    a report nobody answers; a stair light closed by the automatic rating."""
    r = cast.resident
    a = services.case_report(r, category=category("stair_light"), area=places.building, description="灯坏了")
    b = services.case_report(r, category=category("water_leak"), area=places.building, description="漏水")
    c = services.case_report(r, category=category("road_damage"), area=places.building, description="路坏了")
    d = services.case_report(r, category=category("stair_light"), area=places.building, description="没人管")
    clock.advance(minutes=20)
    services.case_take(cast.building_captain, case=a)
    services.case_take(cast.building_captain, case=b)
    clock.advance(minutes=10)
    services.case_reject(cast.community_secretary, case=c, reason="不属于本社区")
    clock.advance(minutes=90)
    services.case_handle(cast.building_captain, case=a, note="已换灯泡")
    services.case_verify(cast.community_secretary, case=a, passed=True)
    services.case_rate(r, case=a, rating=Rating.SATISFIED)

    services.case_escalate(cast.building_captain, case=b, note="需要物业")
    services.case_take(cast.property_staff, case=b)
    b.refresh_from_db()
    clock.set(b.handle_due + timedelta(hours=1))
    services.cases_mark_overdue()
    services.case_handle(cast.property_staff, case=b, note="换了管子")
    services.case_verify(cast.grid_worker, case=b, passed=True)
    services.case_rate(r, case=b, rating=Rating.UNSATISFIED, note="还在漏")
    services.case_handle(cast.property_staff, case=b, note="重新做了防水")
    services.case_verify(cast.grid_worker, case=b, passed=True)
    services.case_rate(r, case=b, rating=Rating.BASIC)

    e = services.case_report(
        r, category=category("stair_light"), area=places.building, description="又坏一盏"
    )
    clock.advance(minutes=5)
    services.case_take(cast.building_captain, case=e)
    services.case_handle(cast.building_captain, case=e, note="已修")
    services.case_verify(cast.community_secretary, case=e, passed=True)
    clock.advance(days=10)
    assert services.cases_auto_rate() == 1
    return {name: Case.objects.get(pk=case.pk) for name, case in zip("abcde", [a, b, c, d, e], strict=True)}


@pytest.mark.parametrize("source", ["rollup", "cases"])
def test_each_figure_on_five_known_cases(five_cases, world, clock, source):
    week = period_of("week", five_cases["a"].reported_at.date())
    f = figures_for_area(area=world.county, period=week, source=source)

    assert (f.reported, f.rejected, f.merged, f.accepted, f.closed, f.open) == (5, 1, 0, 4, 3, 1)
    assert (f.response_on_time, f.response_late, f.unresponded) == (4, 0, 1)
    assert f.response_rate == 4 / 5
    assert f.resolution_rate == 3 / 4
    assert f.closed_on_time == 2 and f.on_time_rate == 2 / 3  # the leak's first pass ended late
    assert f.one_pass == 2 and f.one_pass_rate == 2 / 3  # the leak was reopened
    assert (f.rated, f.satisfied, f.rated_auto) == (3, 3, 1)
    assert f.satisfaction_rate == 1.0 and f.satisfaction_rate_manual == 1.0
    assert f.in_building == 2 and f.in_building_rate == 2 / 3  # the leak went up to the estate
    assert f.in_estate == 3 and f.in_estate_rate == 1.0
    assert f.reopened == 1 and f.reopen_rate == 1 / 4
    closed = [five_cases[k] for k in "abe"]
    expected = sum((c.closed_at - c.reported_at).total_seconds() for c in closed) / 3 / 3600
    assert f.handling_hours == pytest.approx(expected, abs=1e-3)
    assert f.response_hours == pytest.approx(
        sum((five_cases[k].responded_at - five_cases[k].reported_at).total_seconds() for k in "abce")
        / 4
        / 3600,
        abs=1e-3,
    )


def test_the_cohort_is_the_cases_reported_in_the_period_under_the_area(five_cases, places, world):
    day = five_cases["a"].reported_at.date()
    assert figures_for_area(area=places.building, period=period_of("day", day)).reported == 4
    assert figures_for_area(area=places.other_estate, period=period_of("year", day)).reported == 0
    assert figures_for_area(area=world.county, period=period_of("day", day - timedelta(days=1))).reported == 0
    empty = figures_for_area(area=places.other_estate, period=period_of("year", day))
    assert empty.resolution_rate is None and empty.handling_hours is None
    # A category and everything under it; the kinds: tasks stay out unless asked for.
    by_category = figures_for_area(
        area=world.county, period=period_of("year", day), category=category("property")
    )
    assert by_category.reported == 4  # stair lights and the leak, not the road
    assert figures_for_area(area=world.county, period=period_of("year", day), kind="task").reported == 0


def test_change_from_the_previous_period(five_cases, world):
    week = period_of("week", five_cases["a"].reported_at.date())
    now, before = figures_change(area=world.county, period=week)
    assert now.reported == 5 and before.reported == 0
    assert week.previous().end == week.start - timedelta(days=1)


def test_channel_and_handler_type_are_counted_from_the_case_table(five_cases, world):
    year = period_of("year", five_cases["a"].reported_at.date())
    by_handler = figures_for_area(area=world.county, period=year, by="handler_type")
    assert sum(f.reported for f in by_handler.values()) == 5
    assert figures_for_area(area=world.county, period=year, channel="h5").reported == 5
    assert figures_for_area(area=world.county, period=year, channel="hotline").reported == 0


@pytest.mark.parametrize(
    ("figure", "expected"),
    [
        ("one_pass_no", "b"),
        ("one_pass", "ae"),
        ("response_none", "d"),
        ("closed_late", "b"),
        ("rejected", "c"),
        ("in_building", "ae"),
        ("beyond_building", "b"),
        ("rated_auto", "e"),
        ("reopened", "b"),
    ],
)
def test_the_cases_behind_each_count_are_on_the_case_list(five_cases, cast, world, figure, expected):
    assert figure in FIGURE_FILTERS
    listed = case_list(user=cast.county_admin, filters=CaseFilters(area=world.county, figure=figure))
    assert set(listed.values_list("pk", flat=True)) == {five_cases[k].pk for k in expected}
