"""lianxin.core.excel: the one way lists become .xlsx downloads."""

import datetime
from decimal import Decimal

from lianxin.core.excel import ExcelColumn, list_workbook, sheet_title, workbook_bytes, xlsx_response
from lianxin.imports.tests.conftest import raw_xml, workbook_from


def _lines(workbook):
    return list(workbook_from(workbook_bytes(workbook)).worksheets[0].iter_rows(values_only=True))


def test_values_are_written_as_people_read_them():
    columns = [
        ExcelColumn("名称", lambda o: o["name"]),
        ExcelColumn("日期", lambda o: o["day"]),
        ExcelColumn("是否", lambda o: o["flag"]),
        ExcelColumn("数", lambda o: o["number"]),
        ExcelColumn("空", lambda o: None),
    ]
    objects = [{"name": "幸福里", "day": datetime.date(2024, 3, 1), "flag": True, "number": Decimal("35.5")}]

    lines = _lines(list_workbook(title="名单", columns=columns, objects=objects))

    assert lines[0] == ("名称", "日期", "是否", "数", "空")
    assert lines[1][0] == "幸福里"
    assert lines[1][1] == datetime.datetime(2024, 3, 1)
    assert lines[1][2] == "是"
    assert lines[1][3] == 35.5
    assert lines[1][4] in (None, "")


def test_text_that_starts_like_a_formula_stays_text():
    columns = [ExcelColumn("名称", lambda o: o)]

    content = workbook_bytes(
        list_workbook(title="名单", columns=columns, objects=["=1+1", "+86 139", "@SUM(A1)"])
    )

    assert "<f>" not in raw_xml(content)
    assert [line[0] for line in _lines(list_workbook(title="名单", columns=columns, objects=["=1+1"]))][
        1
    ] == "=1+1"


def test_sheet_titles_are_cut_to_what_excel_accepts():
    assert sheet_title("区域/户[2024]:*?") == "区域户2024"
    assert len(sheet_title("长" * 40)) == 31


def test_a_chinese_file_name_survives_the_download_header():
    response = xlsx_response(list_workbook(title="名单", columns=[], objects=[]), "人员-20240301.xlsx")

    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''%E4%BA%BA%E5%91%98-20240301.xlsx" in response["Content-Disposition"]
    assert response["Cache-Control"] == "no-store"
