"""The pages: choose a kind, upload, see the preview with every problem, confirm with a POST."""

import pytest

from lianxin.areas.models import Household
from lianxin.imports.models import BatchStatus, ImportBatch
from lianxin.imports.tests.conftest import xlsx_file

pytestmark = pytest.mark.django_db


def test_the_import_page_offers_templates_upload_and_exports(client, land):
    client.force_login(land.secretary)

    html = client.get("/imports/").content.decode()

    assert "导入导出" in html
    for kind in ["areas", "households", "persons", "members"]:
        assert f'href="/imports/templates/{kind}.xlsx"' in html
        assert f'formaction="/imports/export/{kind}.xlsx"' in html
    assert 'enctype="multipart/form-data"' in html
    assert land.estate_a.name in html  # an area to narrow exports to


def test_a_user_who_may_not_import_sees_why_instead_of_the_form(client, land):
    client.force_login(land.captain)

    html = client.get("/imports/").content.decode()

    assert "您不能导入数据" in html
    assert 'action="/imports/upload/"' not in html
    assert 'formaction="/imports/export/persons.xlsx"' in html


def test_uploading_shows_the_preview_with_every_problem(client, land):
    client.force_login(land.secretary)
    upload = xlsx_file(
        "households",
        [
            {"area_code": land.unit_a1.code, "address": "幸福里1号楼1单元801室"},
            {"area_code": "NO-SUCH-CODE", "address": "某处"},
        ],
    )

    response = client.post("/imports/upload/", {"kind": "households", "file": upload}, follow=True)

    html = response.content.decode()
    batch = ImportBatch.objects.get(uploaded_by=land.secretary)
    assert response.redirect_chain == [(f"/imports/batches/{batch.pk}/", 302)]
    assert "有错误，未写入" in html
    assert "<td>3</td><td>区域代码</td><td>找不到代码为 NO-SUCH-CODE 的区域</td>" in html
    assert "在1单元新建户“幸福里1号楼1单元801室”" in html
    assert 'data-testid="confirm"' not in html
    assert not Household.objects.filter(address="幸福里1号楼1单元801室").exists()


def test_confirming_from_the_preview_writes_the_file_and_shows_the_result(client, land):
    client.force_login(land.secretary)
    upload = xlsx_file("households", [{"area_code": land.unit_a1.code, "address": "幸福里1号楼1单元901室"}])
    client.post("/imports/upload/", {"kind": "households", "file": upload})
    batch = ImportBatch.objects.get(uploaded_by=land.secretary)
    assert 'data-testid="confirm"' in client.get(f"/imports/batches/{batch.pk}/").content.decode()

    response = client.post(f"/imports/batches/{batch.pk}/confirm/", follow=True)
    client.post(f"/imports/batches/{batch.pk}/confirm/")  # a double click

    html = response.content.decode()
    assert ImportBatch.objects.get(pk=batch.pk).status == BatchStatus.CONFIRMED
    assert "文件中的每一行都已写入" in html
    assert Household.objects.filter(address="幸福里1号楼1单元901室").count() == 1


def test_confirming_needs_a_post(client, land):
    client.force_login(land.secretary)
    upload = xlsx_file("households", [{"area_code": land.unit_a1.code, "address": "幸福里1号楼1单元902室"}])
    client.post("/imports/upload/", {"kind": "households", "file": upload})
    batch = ImportBatch.objects.get(uploaded_by=land.secretary)

    assert client.get(f"/imports/batches/{batch.pk}/confirm/").status_code == 405
    assert not Household.objects.filter(address="幸福里1号楼1单元902室").exists()


def test_a_file_that_cannot_be_read_is_answered_with_a_400_and_the_reason(client, land):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(land.secretary)

    response = client.post(
        "/imports/upload/", {"kind": "households", "file": SimpleUploadedFile("a.xlsx", b"not a workbook")}
    )

    assert response.status_code == 400
    assert "无法按 Excel 工作簿（.xlsx）读取该文件" in response.content.decode()
    assert not ImportBatch.objects.filter(uploaded_by=land.secretary).exists()


def test_only_xlsx_files_are_accepted(client, land):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(land.secretary)

    response = client.post(
        "/imports/upload/", {"kind": "households", "file": SimpleUploadedFile("a.csv", b"x")}
    )

    assert response.status_code == 400
    assert "请选择扩展名为 .xlsx 的 Excel 文件" in response.content.decode()


def test_uploading_is_forbidden_to_users_who_may_not_import(client, land):
    client.force_login(land.captain)
    upload = xlsx_file("households", [{"area_code": land.unit_a1.code, "address": "幸福里1号楼1单元903室"}])

    assert client.post("/imports/upload/", {"kind": "households", "file": upload}).status_code == 403


def test_the_navigation_shows_import_and_export_to_those_with_posts(client, land):
    client.force_login(land.captain)
    assert "导入导出" in client.get("/").content.decode()

    client.force_login(land.resident)
    assert "导入导出" not in client.get("/").content.decode()


def test_my_recent_imports_are_listed_on_the_import_page(client, land):
    client.force_login(land.secretary)
    upload = xlsx_file(
        "households",
        [{"area_code": land.unit_a1.code, "address": "幸福里1号楼1单元904室"}],
        name="一单元.xlsx",
    )
    client.post("/imports/upload/", {"kind": "households", "file": upload})

    html = client.get("/imports/").content.decode()

    assert "一单元.xlsx" in html
    assert "待确认" in html
