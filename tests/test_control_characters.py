"""Control characters in free text (issue 18, finding 5): dropped where text enters (pages, API, imports),
and escaped again where it leaves (Excel, Word), so that text stored before never breaks an export."""

import io
import json

import pytest
from openpyxl import load_workbook

from lianxin.cases.models import Case
from lianxin.cases.tests.pages import key
from lianxin.core.text import text_has_controls
from lianxin.tokens.services import token_create
from tests.cases_world import category

pytestmark = pytest.mark.django_db

DIRTY = "楼道\x01灯\x0b坏了\x7f"


def test_a_report_from_the_page_is_stored_without_control_characters(client_as, cast, places, clock):
    response = client_as("resident").post(
        "/cases/report/",
        {
            "idempotency_key": key(),
            "request_type": "help",
            "urgency": "normal",
            "category": category("stair_light").pk,
            "area": places.building.pk,
            "description": DIRTY + "\n第二行\t完",
        },
    )

    assert response.status_code == 302
    case = Case.objects.get(reporter=cast.resident.person)
    assert case.description == "楼道灯坏了\n第二行\t完"  # tab and newlines kept
    assert not text_has_controls(case.title)


def test_a_report_through_the_json_api_is_stored_without_control_characters(cast, places, clock):
    from django.test import Client

    _token, secret = token_create(actor=cast.grid_worker, name="tests")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    body = {"category": category("cleaning").pk, "area": places.estate.pk, "description": DIRTY}

    response = api.post("/api/v1/cases/", json.dumps(body), content_type="application/json")

    assert response.status_code == 201, response.content
    case = Case.objects.get(pk=response.json()["id"])
    assert case.description == "楼道灯坏了"
    assert not text_has_controls(case.title)


def test_a_search_query_with_control_characters_is_cleaned_too(client_as, cast):
    from tests.personas import otp_verify_session

    client = client_as("county_admin")
    otp_verify_session(client, cast.county_admin)
    response = client.get("/people/", {"q": "张\x00\x01"})

    assert response.status_code == 200
    assert response.wsgi_request.GET["q"] == "张"


def test_text_stored_before_the_cleaning_never_breaks_the_excel_export(client_as, cast, places, clock):
    from lianxin.cases import services
    from tests.personas import otp_verify_session

    case = services.case_report(
        cast.resident, category=category("stair_light"), area=places.building, description="楼道灯坏了"
    )
    Case.objects.filter(pk=case.pk).update(title=DIRTY, description=DIRTY)

    client = client_as("county_admin")
    otp_verify_session(client, cast.county_admin)
    response = client.get("/dashboard/cases.xlsx")

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row if isinstance(cell, str)]
    assert "楼道灯坏了" in values
    assert not any(text_has_controls(value) for value in values)


def test_the_word_bulletin_table_drops_control_characters():
    from django.utils import timezone

    from lianxin.dashboard.bulletins import docx_table
    from lianxin.dashboard.official_docx import official_document

    document = official_document(
        issuer="办公室",
        title="通报",
        header="通报",
        issue="第1期",
        issued_on="2026年12月7日",
        when=timezone.now(),
    )
    docx_table(document, ["标题"], [[DIRTY]])

    assert document.tables[0].rows[1].cells[0].text == "楼道灯坏了"


def test_an_imported_cell_is_read_without_control_characters():
    from lianxin.imports.workbook import cell_text

    assert cell_text(" 张\x01三\x0b ") == "张三"
