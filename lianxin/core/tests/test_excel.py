"""The xlsx helper writes times as the reader's wall clock: an aware datetime (stored in UTC) becomes the
local time (Asia/Shanghai, 8 hours ahead), not the UTC time with its zone cut off."""

import datetime
import io
import zoneinfo

from openpyxl import Workbook, load_workbook

from lianxin.core.excel import (
    DATE_FORMAT,
    DATETIME_FORMAT,
    ExcelColumn,
    cell_value,
    list_workbook,
    text_cell,
    workbook_bytes,
)

UTC = datetime.UTC


def test_an_aware_datetime_is_written_in_the_local_time_zone(settings):
    settings.TIME_ZONE = "Asia/Shanghai"
    written = cell_value(datetime.datetime(2026, 3, 1, 23, 30, tzinfo=UTC))
    assert written == datetime.datetime(2026, 3, 2, 7, 30)  # the next morning in Shanghai
    assert written.tzinfo is None  # openpyxl refuses aware datetimes


def test_a_datetime_in_another_zone_is_converted_too(settings):
    settings.TIME_ZONE = "Asia/Shanghai"
    tokyo = datetime.datetime(2026, 3, 1, 9, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Tokyo"))
    assert cell_value(tokyo) == datetime.datetime(2026, 3, 1, 8, 0)


def test_a_naive_datetime_and_a_date_are_written_as_they_are(settings):
    settings.TIME_ZONE = "Asia/Shanghai"
    assert cell_value(datetime.datetime(2026, 3, 1, 23, 30)) == datetime.datetime(2026, 3, 1, 23, 30)
    assert cell_value(datetime.date(2026, 3, 1)) == datetime.date(2026, 3, 1)


def test_the_list_workbook_shows_the_local_time_with_hours_and_minutes(settings):
    settings.TIME_ZONE = "Asia/Shanghai"
    rows = [{"at": datetime.datetime(2026, 12, 7, 16, 5, tzinfo=UTC), "on": datetime.date(2026, 12, 7)}]
    workbook = list_workbook(
        title="时间",
        columns=[ExcelColumn("时间", lambda r: r["at"]), ExcelColumn("日期", lambda r: r["on"])],
        objects=rows,
    )
    sheet = load_workbook(io.BytesIO(workbook_bytes(workbook))).active
    assert sheet["A2"].value == datetime.datetime(2026, 12, 8, 0, 5)
    assert sheet["A2"].number_format == DATETIME_FORMAT
    assert sheet["B2"].value == datetime.datetime(2026, 12, 7, 0, 0)  # Excel stores dates as datetimes
    assert sheet["B2"].number_format == DATE_FORMAT


def test_a_write_only_cell_keeps_the_converted_value(settings):
    settings.TIME_ZONE = "Asia/Shanghai"
    sheet = Workbook(write_only=True).create_sheet()
    cell = text_cell(sheet, datetime.datetime(2026, 1, 1, 0, 0, tzinfo=UTC))
    assert cell.value == datetime.datetime(2026, 1, 1, 8, 0)
