"""The dashboard's figures of an area and period are computed once a minute, for everyone who may see them;
the user's overdue list is never shared."""

from django.core.cache import cache

from lianxin.cases import services
from lianxin.cases.figures import period_of
from lianxin.dashboard.selectors import Choice, dashboard_data
from tests.cases_world import category


def test_the_figures_are_kept_a_minute_and_the_overdue_list_is_each_users(cast, places, clock, settings):
    settings.LIANXIN_DASHBOARD_CACHE_SECONDS = 60
    cache.clear()
    choice = Choice(period=period_of("day", clock.now.date()))
    services.case_report(
        cast.resident, category=category("stair_light"), area=places.building, description="灯坏"
    )

    first = dashboard_data(user=cast.community_secretary, area=places.community, choice=choice)
    services.case_report(
        cast.resident, category=category("stair_light"), area=places.building, description="又坏"
    )
    again = dashboard_data(user=cast.street_secretary, area=places.community, choice=choice)

    assert first["current"].reported == again["current"].reported == 1  # the minute's figures
    settings.LIANXIN_DASHBOARD_CACHE_SECONDS = 0
    fresh = dashboard_data(user=cast.community_secretary, area=places.community, choice=choice)
    assert fresh["current"].reported == 2
    assert "overdue" in again
    cache.clear()


def test_the_practices_panel_is_kept_for_everyone_and_says_when_it_was_computed(
    client_as, cast, places, clock, settings, world
):
    from lianxin.dashboard.practices import practices_cached

    settings.LIANXIN_PRACTICES_CACHE_SECONDS = 300
    cache.clear()
    period = period_of("day", clock.now.date())
    services.case_report(cast.courier, category=category("fire_lane"), area=places.estate, description="堵")
    first, computed = practices_cached(area=world.county, period=period)
    services.case_report(cast.courier, category=category("fire_lane"), area=places.estate, description="又堵")
    again, computed_again = practices_cached(area=world.county, period=period)
    by_code = {p.code: p.value for p in again}
    assert by_code["P003-28"] == 1 and computed_again == computed  # the kept figures

    html = (
        client_as("county_admin")
        .get(f"/dashboard/panels/practices/?area={world.county.pk}&period=day")
        .content
    )
    assert "计算于" in html.decode()
    settings.LIANXIN_PRACTICES_CACHE_SECONDS = 0
    fresh, _at = practices_cached(area=world.county, period=period)
    assert {p.code: p.value for p in fresh}["P003-28"] == 2
    cache.clear()
