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
