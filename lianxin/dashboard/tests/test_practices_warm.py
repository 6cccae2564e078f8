"""The practices panel is computed by a Huey task into the shared cache, never in the request: a cold
cache asks for it and shows "being computed" (or the kept figures), and the periodic job warms the
counties."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lianxin.cases import services
from lianxin.cases.figures import period_of
from lianxin.dashboard import tasks
from lianxin.dashboard.practices import practices_cached
from lianxin.dashboard.selectors import choice_from
from tests.cases_world import category

pytestmark = pytest.mark.django_db


def test_a_cold_panel_is_asked_of_the_task_once_and_shows_being_computed(
    client_as, cast, places, clock, settings, world, monkeypatch
):
    settings.LIANXIN_PRACTICES_CACHE_SECONDS = 300
    asked = []
    monkeypatch.setattr(tasks, "practices_refresh", lambda *args: asked.append(args))
    period = period_of("day", clock.now.date())
    services.case_report(cast.courier, category=category("fire_lane"), area=places.estate, description="堵")

    with CaptureQueriesContext(connection) as captured:
        practices, computed_at = practices_cached(area=world.county, period=period)
    assert (practices, computed_at) == ([], None)
    # Nothing of the cases is read in the request: the cache's read and the "computing" mark only.
    assert not any("cases_case" in q["sql"] for q in captured.captured_queries)
    practices_cached(area=world.county, period=period)
    assert len(asked) == 1  # the second visitor does not ask again while it is computed
    html = client_as("county_admin").get(f"/dashboard/panels/practices/?area={world.county.pk}&period=day")
    assert "正在计算" in html.content.decode()


def test_the_task_in_immediate_mode_computes_the_panel_and_later_visitors_read_it(
    cast, places, clock, settings, world
):
    settings.LIANXIN_PRACTICES_CACHE_SECONDS = 300
    period = period_of("day", clock.now.date())
    services.case_report(cast.courier, category=category("fire_lane"), area=places.estate, description="堵")

    first, computed = practices_cached(area=world.county, period=period)  # Huey immediate: computed now
    services.case_report(cast.courier, category=category("fire_lane"), area=places.estate, description="又堵")
    with CaptureQueriesContext(connection) as captured:
        again, computed_again = practices_cached(area=world.county, period=period)

    assert computed is not None and computed_again == computed
    assert {p.code: p.value for p in again}["P003-28"] == 1
    assert not any("cases_case" in q["sql"] for q in captured.captured_queries)


def test_the_periodic_job_warms_each_countys_default_panel(cast, places, clock, settings, world, monkeypatch):
    settings.LIANXIN_PRACTICES_CACHE_SECONDS = 300
    asked = []
    monkeypatch.setattr(tasks, "practices_refresh", lambda *args: asked.append(args))
    assert tasks.practices_warm.call_local() >= 1

    practices, computed_at = practices_cached(area=world.county, period=choice_from({}).period)
    assert computed_at is not None and practices and asked == []
    caches["shared"].clear()
