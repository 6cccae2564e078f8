"""The Excel export of a figure table has the page's rows and numbers; the case export lists the cases
behind a count."""

import io

import pytest
from openpyxl import load_workbook


def _sheet(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(response.content)).worksheets[0]


@pytest.mark.parametrize("by", ["child", "category", "kind", "channel", "handler_type"])
def test_the_excel_export_matches_the_figure_table(client_as, five_cases, world, by):
    client = client_as("county_admin")
    q = f"area={world.county.pk}&period=week&day={five_cases['a'].reported_at.date()}&by={by}"
    page = client.get(f"/dashboard/table/?{q}")
    rows = page.context["rows"]
    sheet = _sheet(client.get(f"/dashboard/table/?{q}&format=xlsx"))
    values = list(sheet.iter_rows(values_only=True))
    assert len(values) == 1 + len(rows) + 1  # header, rows, total
    for (row, cells), line in zip(rows, values[1:], strict=False):
        assert line[0] == row.label
        assert [v if v is not None else None for _c, v, _u in cells] == [
            (None if x in ("", None) else x) for x in line[1:]
        ]
    total = values[-1]
    assert total[1] == 5  # reported


def test_the_case_export_lists_the_cases_behind_a_count(client_as, five_cases, world):
    client = client_as("county_admin")
    sheet = _sheet(client.get(f"/dashboard/cases.xlsx?area={world.county.pk}&figure=one_pass_no"))
    lines = list(sheet.iter_rows(values_only=True))
    assert len(lines) == 2
    assert lines[1][0] == five_cases["b"].number
