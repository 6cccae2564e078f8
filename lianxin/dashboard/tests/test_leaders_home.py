"""A leader's home page: his area's key figures over the last 30 days with change and target, the cases
overdue and waiting on him or his level, each count opening exactly those cases, and the ways to the
queue, the dashboard, the big screen and the bulletins. Workers and residents keep their own home."""

import re
from datetime import datetime
from urllib.parse import parse_qsl, urlparse

import pytest

from lianxin.cases.selectors import CaseFilters, case_list
from tests.cases_world import SHANGHAI


@pytest.fixture
def seventh_of_december(five_cases, clock):
    clock.set(datetime(2026, 12, 7, 10, 0, tzinfo=SHANGHAI))
    return five_cases


def _panel(response) -> str:
    html = response.content.decode()
    sections = re.findall(r'<section[^>]*data-testid="workbench-leaders".*?</section>', html, re.S)
    return "".join(sections)


def _listed(client, url) -> int:
    """How many cases the staff list shows for a link of the panel."""
    response = client.get(url)
    assert response.status_code == 200, url
    return response.context["page"].paginator.count


def test_the_county_admin_opens_on_the_countys_figures_and_what_waits(
    client_as, cast, world, seventh_of_december
):
    client = client_as("county_admin")
    response = client.get("/")
    panel = _panel(response)
    context = response.context["bench"].panels[0]["context"]
    summary = context["areas"][0]

    assert summary["area"] == world.county
    assert "近30天（11月7日—12月6日），与前30天比" in panel
    assert summary["reported"] == 5
    figures = {card["key"]: card for card in summary["figures"]}
    assert figures["resolution_rate"]["value"] == 3 / 4
    assert figures["one_pass_rate"]["below_target"]  # 2 of 3 against 98 %
    assert re.search(r'class="stat stat-alarm" href="[^"]+" data-figure="one_pass_rate"', panel)
    assert "75.0%" in panel

    waiting = {w["key"]: w for w in summary["waiting"]}
    overdue = case_list(user=cast.county_admin, filters=CaseFilters(area=world.county, overdue=True)).count()
    assert waiting["overdue"]["count"] == overdue >= 1  # the report nobody answered
    for item in waiting.values():
        assert _listed(client, item["url"]) == item["count"], item["key"]
    assert _listed(client, summary["reported_url"]) == 5
    assert _listed(client, figures["resolution_rate"]["numerator_url"]) == 3

    paths = {urlparse(url).path for _label, url in summary["links"]}
    pages = ["/cases/", "/dashboard/", "/dashboard/screen/", "/dashboard/table/", "/dashboard/bulletins/"]
    assert paths == set(pages)
    for _label, url in summary["links"]:
        assert dict(parse_qsl(urlparse(url).query))["area"] == str(world.county.pk)
        assert client.get(url).status_code == 200


def test_a_street_secretary_sees_his_street(client_as, places, seventh_of_december):
    response = client_as("street_secretary").get("/")
    summary = response.context["bench"].panels[0]["context"]["areas"][0]

    assert summary["area"] == places.street
    assert summary["reported"] == 5  # the five cases are in his street
    assert f"{places.street.name}概况" in _panel(response)


@pytest.mark.parametrize(
    "username", ["grid_worker", "building_captain", "resident", "courier", "property_staff"]
)
def test_workers_and_residents_keep_their_own_home(client_as, seventh_of_december, username):
    response = client_as(username).get("/")

    assert response.status_code == 200
    assert _panel(response) == ""
    assert [p["key"] for p in response.context["bench"].panels] == []
