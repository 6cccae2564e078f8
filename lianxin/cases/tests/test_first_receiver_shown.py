"""The first-contact owner (首问责任人) is recorded and shown: on the case page, in the API (list and one
case) and in the case export, beside the handler (issue 19: recorded but never shown)."""

import io

import pytest
from openpyxl import load_workbook

from lianxin.cases import services
from lianxin.cases.models import Case
from tests.api.conftest import api_as  # noqa: F401 - the token client fixture
from tests.cases_world import category

pytestmark = pytest.mark.django_db


@pytest.fixture
def taken(cast, places, clock):
    case = services.case_report(
        cast.resident, category=category("stair_light"), area=places.building, description="灯坏了"
    )
    clock.advance(minutes=10)
    services.case_take(cast.building_captain, case=case)
    case = Case.objects.get(pk=case.pk)
    assert case.first_receiver_id == cast.building_captain.person_id
    return case


def test_the_case_page_names_the_first_contact_owner(client_as, cast, taken):
    html = client_as("community_secretary").get(f"/cases/{taken.pk}/").content.decode()
    assert "首问责任人" in html
    assert 'data-testid="case-first-receiver">' + cast.building_captain.person.name in html


def test_a_case_nobody_took_up_names_none(client_as, cast, places):
    case = services.case_report(
        cast.resident, category=category("stair_light"), area=places.building, description="没人接"
    )
    html = client_as("community_secretary").get(f"/cases/{case.pk}/").content.decode()
    assert 'data-testid="case-first-receiver"' not in html


def test_the_api_names_the_first_contact_owner(api_as, cast, taken):  # noqa: F811
    client = api_as("community_secretary")
    one = client.get(f"/api/v1/cases/{taken.pk}").json()
    assert one["first_receiver"]["name"] == cast.building_captain.person.name
    listed = client.get("/api/v1/cases/").json()["items"]
    assert next(c for c in listed if c["id"] == taken.pk)["first_receiver"] == one["first_receiver"]


def test_the_case_export_has_the_first_contact_owner(client_as, cast, taken, places):
    response = client_as("county_admin").get(f"/dashboard/cases.xlsx?area={places.street.pk}")
    rows = list(load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(values_only=True))
    column = rows[0].index("首问责任人")
    line = next(r for r in rows[1:] if r[0] == taken.number)
    assert line[column] == cast.building_captain.person.name
