"""The figures of the source reports (practice ids of the figures issue, docs/architecture.md): the panel,
the API and the Excel export give the same numbers, and each number a case list can hold opens exactly its
cases."""

import io

import pytest
from openpyxl import load_workbook

from lianxin.cases.figures import figures_for_area, period_of

pytestmark = pytest.mark.django_db

# For a rate (or an average), the count whose cases the link opens.
NUMERATOR = {key: key for key in ("satisfied", "one_pass", "reopened", "responded")}


def _query(five_cases, world):
    return f"area={world.county.pk}&period=week&day={five_cases['a'].reported_at.date()}"


def test_panel_api_and_export_agree_and_each_number_opens_its_cases(client_as, five_cases, world):
    client = client_as("county_admin")
    query = _query(five_cases, world)
    panel = client.get(f"/dashboard/panels/practices/?{query}")
    practices = panel.context["practices"]
    assert practices

    body = client.get(f"/api/v1/practice-figures/?{query}").json()
    listed = [(p["code"], p["label"]) for p in body["practices"]]
    assert listed == [(p.code, str(p.label)) for p, _u in practices]

    sheet = load_workbook(io.BytesIO(client.get(f"/dashboard/practices.xlsx?{query}").content)).worksheets[0]
    lines = list(sheet.iter_rows(values_only=True))[1:]
    assert len(lines) == len(practices)

    week = period_of("week", five_cases["a"].reported_at.date())
    figures = figures_for_area(area=world.county, period=week)
    linked = 0
    for (practice, url), api, line in zip(practices, body["practices"], lines, strict=True):
        assert line[0] == str(practice.label)
        assert api["shown"] == line[1], practice.label  # the same number in the API and in Excel
        assert api["list_url"] == url
        assert api["cases_url"] == ("" if practice.list_url else url)
        if not url:
            continue
        linked += 1
        listed = client.get(url).context["page"].paginator.count
        if practice.list_url:  # the visits list (P000-31): its visits, whichever of its two numbers
            assert listed == next(p.value for p, _u in practices if p.list_url == url and p.kind == "count")
        elif practice.kind == "count":
            assert listed == practice.value, practice.label
        else:
            assert listed == figures.value(NUMERATOR[practice.figure]), practice.label
    assert linked >= 8


def test_the_panel_links_its_cases_and_its_export(client_as, five_cases, world):
    html = client_as("county_admin").get(f"/dashboard/panels/practices/?{_query(five_cases, world)}")
    page = html.content.decode()
    assert 'data-testid="practice-cases"' in page
    assert 'data-testid="practices-export"' in page
