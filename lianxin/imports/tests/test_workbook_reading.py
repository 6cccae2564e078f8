import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from lianxin.core.errors_domain import DomainError
from lianxin.imports.specs import SPECS
from lianxin.imports.tests.conftest import xlsx_file
from lianxin.imports.workbook import rows_read

pytestmark = pytest.mark.django_db


def _upload(lines: list[list]) -> SimpleUploadedFile:
    workbook = Workbook()
    for line in lines:
        workbook.active.append(line)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("f.xlsx", buffer.getvalue())


def test_a_file_that_is_not_a_workbook_is_refused_with_a_chinese_reason():
    with pytest.raises(DomainError, match=r"无法按 Excel 工作簿（.xlsx）读取该文件"):
        rows_read(SimpleUploadedFile("f.xlsx", b"name,address\n"), SPECS["households"])


def test_missing_required_columns_are_named():
    with pytest.raises(DomainError, match="缺少以下列：区域代码、地址"):
        rows_read(_upload([["户人数", "备注"], [3, "x"]]), SPECS["households"])


def test_a_file_with_only_the_header_has_nothing_to_import():
    with pytest.raises(DomainError, match="没有可导入的行"):
        rows_read(xlsx_file("households", []), SPECS["households"])


def test_a_file_that_unpacks_too_large_is_refused_before_it_is_read(settings):
    settings.IMPORT_MAX_UNZIPPED_BYTES = 1000
    rows = [
        {"area_code": "419901001001-E001-B01-U1", "address": "幸福里小区1号楼1单元" + str(n)}
        for n in range(50)
    ]

    with pytest.raises(DomainError, match="文件超过 5 MB"):
        rows_read(xlsx_file("households", rows), SPECS["households"])


def test_too_many_rows_are_refused(settings):
    settings.IMPORT_MAX_ROWS = 2
    rows = [{"area_code": "x", "address": str(n)} for n in range(3)]

    with pytest.raises(DomainError, match="每次最多导入 2 行"):
        rows_read(xlsx_file("households", rows), SPECS["households"])


def test_columns_are_found_by_name_in_any_order_and_empty_rows_are_skipped():
    upload = _upload(
        [
            ["备注", " 地址 ", "区域代码*", "不相干"],
            ["n", "a1", "c1", "z"],
            [None, None, None],
            ["", "a2", "c2"],
        ]
    )

    rows = rows_read(upload, SPECS["households"])

    assert rows == [
        {"row": 2, "values": {"note": "n", "address": "a1", "area_code": "c1"}},
        {"row": 4, "values": {"note": "", "address": "a2", "area_code": "c2"}},
    ]


def test_numbers_and_dates_typed_in_excel_become_plain_text():
    header = [str(c.label) for c in SPECS["persons"].columns]
    line = [
        "张三",
        13912345678,
        "379901198503150013",
        None,
        datetime.datetime(1985, 3, 15),
        "",
        "",
        "",
        "",
        "",
        45352.0,
    ]

    rows = rows_read(_upload([header, line]), SPECS["persons"])

    values = rows[0]["values"]
    assert (values["mobile"], values["birth_date"], values["start_date"]) == (
        "13912345678",
        "1985-03-15",
        "45352",
    )
