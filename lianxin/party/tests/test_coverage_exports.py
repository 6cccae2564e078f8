"""The coverage report and the figures page outside their pages (issue 19): GET /api/v1/coverage/ and
/coverage/report.xlsx give the rules, counts and lines of /coverage/; /coverage/figures.xlsx the tables of
/coverage/figures/ (the same as GET /api/v1/territory-figures/)."""

import io
import re

import pytest
from openpyxl import load_workbook

from lianxin.party.coverage.report import coverage_figures, coverage_report
from lianxin.party.figures.organisation import territory_figures

pytestmark = pytest.mark.django_db


def _rows(response):
    return list(load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(values_only=True))


def _notes(response):
    return dict(load_workbook(io.BytesIO(response.content)).worksheets[1].iter_rows(values_only=True))


def test_page_api_and_export_show_the_same_gaps(client_as, cast):
    client = client_as("community_secretary")
    sections = coverage_report(user=cast.community_secretary)
    figures = coverage_figures(user=cast.community_secretary)

    html = client.get("/coverage/").content.decode()
    api = client.get("/api/v1/coverage/").json()
    export = client.get("/coverage/report.xlsx")

    counts = {s.key: len(s.lines) for s in sections}
    assert {s["key"]: s["count"] for s in api["sections"]} == counts
    assert api["gaps"] == sum(counts.values()) == len(_rows(export)) - 1
    assert api["estates"] == figures.estates and api["estate_coverage_rate"] == figures.estate_coverage_rate
    for section in sections:
        if section.lines:
            badge = re.search(rf'id="{section.key}">\s*<h2>[^<]*<span class="badge">(\d+)', html)
            assert int(badge.group(1)) == len(section.lines)
            assert _notes(export)[str(section.title)] == str(len(section.lines))


def test_a_building_line_names_its_estate(client_as, cast):
    api = client_as("county_admin").get("/api/v1/coverage/").json()
    buildings = [line for s in api["sections"] for line in s["lines"] if s["key"] == "building_captain"]
    assert buildings and all(line["where"] for line in buildings)


def test_the_figures_export_holds_every_table_line(client_as, cast):
    client = client_as("county_admin")
    tables = territory_figures(user=cast.county_admin)
    api = client.get("/api/v1/territory-figures/").json()
    rows = _rows(client.get("/coverage/figures.xlsx"))[1:]

    assert len(rows) == sum(len(t) for _title, t in tables) == sum(len(t["rows"]) for t in api)
    assert [(str(r[0]), str(r[1]), str(r[2])) for r in rows] == [
        (t["title"], row["label"], row["value"]) for t in api for row in t["rows"]
    ]


def test_the_exports_are_scoped(client_as, world):
    response = client_as("grid_worker").get("/coverage/report.xlsx", {"area": world.streets[1].pk})
    assert response.status_code == 404
