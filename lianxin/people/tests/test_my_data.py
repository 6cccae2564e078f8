import csv
import io
import json

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from lianxin.audit.models import AuditRecord
from lianxin.people.models import CorrectionRequest, PersonalDataView
from lianxin.people.mydata import correction_request_handle

pytestmark = pytest.mark.django_db


def test_a_resident_sees_everything_held_about_him_and_who_opened_his_numbers(client_as, cast):
    person = cast.resident.person
    client_as("grid_worker").post(f"/people/{person.pk}/reveal/", {"field": "mobile", "reason": "上门回访"})
    assert PersonalDataView.objects.filter(person=person).exists()

    page = client_as("resident").get("/accounts/me/data/").content.decode()

    assert person.name in page
    assert person.mobile in page  # his own number, in full
    assert person.household.address in page
    assert "上门回访" in page and "grid_worker" in page


def test_a_resident_downloads_his_record_and_his_own_cases_as_a_workbook_in_chinese(client_as, cast, places):
    from openpyxl import load_workbook

    from lianxin.cases import services
    from lianxin.cases.models import Category

    person = cast.resident.person
    case = services.case_report(
        cast.resident,
        category=Category.objects.get(code="stair_light"),
        area=places.building,
        description="三楼楼道灯不亮",
    )

    response = client_as("resident").get("/accounts/me/data/download/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert ".xlsx" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    assert {"我的信息", "住户", "岗位", "我的诉求", "诉求办理过程"} <= set(book.sheetnames)
    facts = {row[0]: row[1] for row in book["我的信息"].iter_rows(values_only=True)}
    assert facts["姓名"] == person.name and facts["手机号"] == person.mobile
    cases = list(book["我的诉求"].iter_rows(values_only=True))
    assert cases[0][:2] == ("诉求编号", "标题")
    assert cases[1][0] == case.number and "三楼楼道灯不亮" in cases[1]
    steps = list(book["诉求办理过程"].iter_rows(values_only=True))
    assert len(steps) > 1 and all(row[0] == case.number for row in steps[1:])
    assert AuditRecord.objects.filter(action="export", actor_name="resident", detail__format="xlsx").exists()


def test_a_resident_downloads_a_copy_and_the_download_is_recorded(client_as, cast):
    response = client_as("resident").get("/accounts/me/data/download/?format=json")

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["person"]["mobile"] == cast.resident.person.mobile
    assert data["household"]["address"] == cast.resident.person.household.address
    assert AuditRecord.objects.filter(
        action="export", actor_name="resident", detail__export="own_data"
    ).exists()


def test_a_correction_request_reaches_the_staff_of_his_area_and_the_answer_comes_back(client_as, cast):
    resident = client_as("resident")
    assert (
        resident.post("/accounts/me/data/correct/", {"field": "mobile", "correction": ""}).status_code == 400
    )
    response = resident.post(
        "/accounts/me/data/correct/", {"field": "mobile", "correction": "新号码 13912340000"}
    )
    assert response.status_code == 302
    request = CorrectionRequest.objects.get(person=cast.resident.person)

    assert "13912340000" in client_as("grid_worker").get("/people/corrections/").content.decode()
    assert "13912340000" not in client_as("liaison").get("/people/corrections/").content.decode()
    client_as("grid_worker").post(f"/people/corrections/{request.pk}/", {"done": "1", "answer": "已更正"})

    request.refresh_from_db()
    assert request.status == "done"
    assert "已更正" in client_as("resident").get("/accounts/me/data/").content.decode()


def test_staff_outside_the_area_cannot_answer(client_as, cast):
    from lianxin.people.mydata import correction_request_create

    request = correction_request_create(actor=cast.resident, field="name", correction="孙桂蘭")
    assert client_as("liaison").post(f"/people/corrections/{request.pk}/", {"done": "1"}).status_code == 404
    with pytest.raises(PermissionDenied):
        correction_request_handle(actor=cast.liaison, request=request, done=True, answer="")


def test_the_statistics_extract_holds_nothing_that_identifies_a_person(world, cast, tmp_path):
    resident = cast.resident.person
    resident.set_id_number("370982199001011234")
    resident.save()
    path = tmp_path / "stats.csv"

    call_command("export_statistics", "--output", str(path), stdout=io.StringIO())

    text = path.read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) > 10
    from lianxin.people.management.commands.export_statistics import FIELDS

    assert list(rows[0]) == FIELDS
    assert "name" not in FIELDS and "mobile" not in FIELDS and "birth_date" not in FIELDS
    for secret in (resident.name, resident.mobile, "370982199001011234", resident.household.address):
        assert secret not in text
    assert str(resident.pk) not in {row["pseudonym"] for row in rows}
    again = tmp_path / "again.csv"
    call_command("export_statistics", "--output", str(again), stdout=io.StringIO())
    first = {r["pseudonym"] for r in rows}
    second = {r["pseudonym"] for r in csv.DictReader(io.StringIO(again.read_text(encoding="utf-8-sig")))}
    assert not first & second  # pseudonyms do not link one extract to the next
    assert AuditRecord.objects.filter(action="export", object_type="people.statistics").count() == 2
