"""The dashboard, the big screen, the figure table, its Excel export and the figures API open on the last 30
whole days against the 30 before, and say so in words: on 7 December a calendar month compared a week of
mostly open cases with a whole month (办结率 10.1%, "较上期 -82.4个百分点")."""

import io
from datetime import date, datetime
from urllib.parse import parse_qsl

from openpyxl import load_workbook

from lianxin.cases.figures import Period, period_caption, period_of
from lianxin.dashboard.selectors import choice_from
from tests.cases_world import SHANGHAI

CAPTION = "近30天（11月7日—12月6日），与前30天比"


def _seventh_of_december(clock):
    clock.set(datetime(2026, 12, 7, 10, 0, tzinfo=SHANGHAI))


def test_without_a_period_the_figures_are_the_last_30_whole_days_against_the_30_before(clock):
    _seventh_of_december(clock)
    choice = choice_from({})

    assert choice.period == Period(date(2026, 11, 7), date(2026, 12, 6), "last30")
    assert choice.period.previous() == Period(date(2026, 10, 8), date(2026, 11, 6), "last30")
    assert choice.caption == CAPTION
    # The links and filters carry the period and read it back unchanged.
    assert choice_from(dict(parse_qsl(choice.query()))).period == choice.period


def test_a_period_not_yet_over_says_its_change_is_only_indicative(clock):
    _seventh_of_december(clock)
    december = choice_from({"period": "month"})

    assert december.period == period_of("month", date(2026, 12, 7))
    assert december.caption.startswith("2026年12月，与2026年11月比；本期尚未结束")
    assert period_caption(period_of("week", date(2026, 11, 30))) == (
        "2026年11月30日—12月6日，与2026年11月23日—11月29日比"
    )
    assert period_caption(period_of("quarter", date(2026, 11, 30))) == "2026年第4季度，与2026年第3季度比"


def test_the_dashboard_and_the_big_screen_open_on_the_last_30_days_and_name_them(
    client_as, five_cases, world, clock
):
    _seventh_of_december(clock)  # the five cases were reported on 30 November
    client = client_as("county_admin")

    page = client.get("/dashboard/")
    assert page.context["choice"].period.kind == "last30"
    assert CAPTION in page.content.decode()
    assert page.context["current"].reported == 5
    assert page.context["previous"].reported == 0
    assert '<option value="last30" selected>' in page.content.decode()

    screen = client.get("/dashboard/screen/").content.decode()
    assert CAPTION in screen

    data = client.get("/dashboard/data/").json()
    assert data["period"] == CAPTION and data["reported"] == 5


def test_the_figure_table_and_its_excel_export_name_the_period(client_as, five_cases, world, clock):
    _seventh_of_december(clock)
    client = client_as("county_admin")

    assert CAPTION in client.get(f"/dashboard/table/?area={world.county.pk}").content.decode()
    response = client.get(f"/dashboard/table/?area={world.county.pk}&format=xlsx")
    cells = [
        value
        for sheet in load_workbook(io.BytesIO(response.content)).worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
    ]
    assert CAPTION in cells
