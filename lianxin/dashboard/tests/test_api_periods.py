"""The figures APIs accept every period the dashboard offers (its period menu), and read each one as the
dashboard does: 试点以来 runs from the pilot's start recorded for the area, in the API as on the page."""

from datetime import date, datetime

import pytest

from lianxin.dashboard.selectors import choice_from, period_choices
from tests.cases_world import SHANGHAI

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 7)


def _params(kind, world):
    params = {"period": kind, "area": str(world.county.pk), "day": "2026-11-30"}
    if kind == "custom":
        params["end"] = "2026-12-03"
    return params


@pytest.mark.parametrize("url", ["/api/v1/figures/", "/api/v1/practice-figures/"])
def test_every_period_of_the_dashboard_menu_is_accepted_by_the_figures_apis(client_as, world, clock, url):
    clock.set(datetime(2026, 12, 7, 10, 0, tzinfo=SHANGHAI))
    client = client_as("county_admin")
    for kind, _label in period_choices():
        params = _params(kind, world)
        response = client.get(url, params)
        assert response.status_code == 200, (kind, response.content)
        body = response.json()
        dashboard = choice_from(
            {**params, "date_from": params["day"], "date_to": params.get("end")}, today=TODAY
        ).period
        period = body.get("period", body)
        assert (period["start"], period["end"]) == (dashboard.start.isoformat(), dashboard.end.isoformat())


def test_since_the_pilot_in_the_api_runs_from_the_recorded_start(client_as, world, clock):
    clock.set(datetime(2026, 12, 7, 10, 0, tzinfo=SHANGHAI))
    body = (
        client_as("county_admin")
        .get("/api/v1/figures/", {"period": "since_pilot", "area": world.estates[0].pk})
        .json()
    )

    assert body["period"]["kind"] == "since_pilot"
    assert (body["period"]["start"], body["period"]["end"]) == ("2021-07-01", "2026-12-06")
    assert "试点以来" in body["period"]["caption"]
