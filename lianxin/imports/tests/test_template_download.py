import pytest

from lianxin.imports.specs import SPECS
from lianxin.imports.tests.conftest import workbook_from
from lianxin.people.models import Gender

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", sorted(SPECS))
def test_each_template_opens_with_chinese_headers_an_example_row_and_notes(client, land, kind):
    client.force_login(land.secretary)

    response = client.get(f"/imports/templates/{kind}.xlsx")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    assert "attachment" in response["Content-Disposition"]
    workbook = workbook_from(response.content)
    sheet = workbook.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    assert headers == [str(c.label) for c in SPECS[kind].columns]
    assert [cell.value or "" for cell in sheet[2]] == [str(c.example) for c in SPECS[kind].columns]
    assert workbook.sheetnames[1] == "填写说明"
    notes = [row[0] for row in workbook["填写说明"].iter_rows(values_only=True)]
    assert "整个文件要么全部写入，要么一行也不写入。" in notes
    assert set(headers) <= set(notes)


def test_the_persons_template_speaks_chinese(client, land):
    client.force_login(land.secretary)

    sheet = workbook_from(client.get("/imports/templates/persons.xlsx").content).worksheets[0]

    assert sheet.title == "人员及岗位"
    assert [cell.value for cell in sheet[1]][:3] == ["姓名", "手机号", "身份证号"]


def test_id_numbers_and_codes_are_text_columns_so_excel_keeps_every_digit(client, land):
    client.force_login(land.secretary)

    sheet = workbook_from(client.get("/imports/templates/persons.xlsx").content).worksheets[0]

    assert sheet["C2"].number_format == "@"  # 身份证号
    assert sheet["C2"].value == "379901198503150013"
    assert sheet.column_dimensions["C"].number_format == "@"


def test_choice_columns_offer_a_drop_down_list(client, land):
    client.force_login(land.secretary)

    sheet = workbook_from(client.get("/imports/templates/persons.xlsx").content).worksheets[0]

    lists = [v.formula1 for v in sheet.data_validations.dataValidation]
    genders = [str(label) for label in Gender.labels]  # 男、女 once the people labels are translated
    assert any(all(g in formula for g in genders) for formula in lists)


def test_an_unknown_template_is_not_found(client, land):
    client.force_login(land.secretary)

    assert client.get("/imports/templates/cars.xlsx").status_code == 404


def test_templates_need_sign_in(client, land):
    response = client.get("/imports/templates/areas.xlsx")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
