"""Landless residents (P001-17): the list carries how many are tagged and how many have had no support, the
same on the page, in GET /api/v1/persons/landless and in the Excel export (issue 19: a list with no count)."""

import io
import re
from datetime import date

import pytest
from openpyxl import load_workbook

from lianxin.core.scope import under
from lianxin.people.models import Person, PersonTag
from lianxin.people.support import support_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def landless(cast, world):
    tag = PersonTag.objects.get(code="landless")
    persons = list(Person.objects.filter(under("area_path", world.estates[0].path)).order_by("id")[:3])
    for person in persons:
        person.tags.add(tag)
    support_record(actor=cast.community_secretary, person=persons[0], kind="job", given_on=date(2026, 5, 1))
    return persons


def _numbers(html: str) -> tuple[int, int]:
    block = re.search(r'data-testid="landless-count"[^>]*>(.*?)</p>', html, re.S).group(1)
    found = re.findall(r"\d+", re.sub(r"<[^>]+>", "", block))
    return int(found[0]), int(found[1])


def test_page_api_and_export_count_the_tagged_and_the_unsupported(client_as, landless):
    client = client_as("community_secretary")
    html = client.get("/people/landless/").content.decode()
    api = client.get("/api/v1/persons/landless").json()
    export = client.get("/people/landless/", {"format": "xlsx"})

    assert _numbers(html) == (3, 2)
    assert (api["count"], api["unsupported"]) == (3, 2)
    assert {i["name"] for i in api["items"]} == {p.name for p in landless}
    rows = list(load_workbook(io.BytesIO(export.content)).worksheets[0].iter_rows(values_only=True))
    assert len(rows) - 1 == 3
    assert rows[0][0] == "姓名"  # a person's name, not a place's 名称
    only = client.get("/api/v1/persons/landless", {"unsupported": "true"}).json()
    assert only["count"] == 2 and len(only["items"]) == 2


def test_a_resident_sees_no_one_elses_landless_status(client_as, landless):
    api = client_as("building_captain").get("/api/v1/persons/landless").json()
    assert api["count"] <= 3
    assert client_as("auditor").get("/api/v1/persons/landless").json()["count"] == 0
