"""Exports hold the rows the user's scope shows, never more, and personal numbers only masked."""

import pytest

from lianxin.areas.models import Area, Household
from lianxin.core.scope import VIEW
from lianxin.imports.tests.conftest import raw_xml, workbook_from
from lianxin.party.models import Membership
from lianxin.people.models import Person

pytestmark = pytest.mark.django_db


def _rows(response) -> list[dict]:
    sheet = workbook_from(response.content).worksheets[0]
    lines = list(sheet.iter_rows(values_only=True))
    return [dict(zip(lines[0], line, strict=True)) for line in lines[1:]]


def test_a_grid_worker_exports_the_households_of_his_estate_only(client_as, cast):
    grid_worker = cast.grid_worker
    estate = grid_worker.person.area

    response = client_as("grid_worker").get("/imports/export/households.xlsx")

    assert response.status_code == 200
    rows = _rows(response)
    expected = Household.objects.restrict(grid_worker, VIEW)
    assert len(rows) == expected.count() > 0
    assert {row["区域代码"] for row in rows} <= set(
        Area.objects.filter(path__startswith=estate.path).values_list("code", flat=True)
    )
    outside = Household.objects.exclude(area_path__startswith=estate.path).first()
    assert outside.address not in {row["地址"] for row in rows}


@pytest.mark.parametrize("role", ["community_secretary", "grid_worker", "building_captain", "county_admin"])
def test_persons_exports_hold_only_the_persons_in_scope_with_numbers_masked(client_as, cast, role):
    user = cast[role]
    visible = list(Person.objects.restrict(user, VIEW).exclude(id_number="").order_by("id")[:50])

    response = client_as(role).get("/imports/export/persons.xlsx")

    assert response.status_code == 200
    rows = _rows(response)
    assert len(rows) == Person.objects.restrict(user, VIEW).count()
    masked_ids = {row["身份证号（已脱敏）"] for row in rows}
    assert {p.id_number_masked for p in visible} <= masked_ids
    xml = raw_xml(response.content)
    cells = {str(value) for value in _all_values(response)}
    for person in visible:
        assert person.id_number not in xml
        assert person.id_number not in cells
        if person.mobile:
            assert person.mobile not in xml
            assert person.mobile not in cells


def _all_values(response):
    workbook = workbook_from(response.content)
    return [
        c for sheet in workbook.worksheets for line in sheet.iter_rows(values_only=True) for c in line if c
    ]


def test_a_building_captain_does_not_get_the_next_buildings_residents(client_as, cast):
    captain = cast.building_captain
    building_path = captain.person.area.path
    neighbour = Person.objects.exclude(area_path__startswith=building_path).exclude(id_number="").first()

    response = client_as("building_captain").get("/imports/export/persons.xlsx")

    assert neighbour.id_number_masked not in {row["身份证号（已脱敏）"] for row in _rows(response)}


def test_an_export_can_be_narrowed_to_one_area_in_scope(client_as, cast, world):
    estate = world.estates[0]

    response = client_as("community_secretary").get(f"/imports/export/households.xlsx?area={estate.pk}")

    rows = _rows(response)
    assert len(rows) == Household.objects.filter(area_path__startswith=estate.path).count() > 0


def test_an_area_outside_scope_cannot_be_exported(client_as, world):
    other_street = world.streets[1]

    response = client_as("community_secretary").get(f"/imports/export/households.xlsx?area={other_street.pk}")

    assert response.status_code == 404


def test_a_resident_without_posts_cannot_export(client_as):
    assert client_as("resident").get("/imports/export/persons.xlsx").status_code == 403


def test_party_members_export_holds_the_memberships_in_scope(client_as, cast):
    user = cast.community_secretary
    expected = Membership.objects.restrict(user, VIEW).current()

    rows = _rows(client_as("community_secretary").get("/imports/export/members.xlsx"))

    assert len(rows) == expected.count() > 0
    # A member recorded without an ID number (the reserve pool's young cadres) exports an empty cell.
    assert {row["身份证号（已脱敏）"] or "" for row in rows} == {m.person.id_number_masked for m in expected}
    assert any("*" in (row["身份证号（已脱敏）"] or "") for row in rows)


def test_areas_export_lists_the_subtree_with_parent_codes(client_as, world):
    estate = world.estates[0]

    rows = _rows(client_as("community_secretary").get(f"/imports/export/areas.xlsx?area={estate.pk}"))

    assert rows[0]["代码"] == estate.code
    assert rows[0]["上级区域代码"] == Area.objects.get_parent(estate).code
    assert len(rows) == Area.objects.filter(path__startswith=estate.path).count()
    assert all(row["上级区域代码"] for row in rows)


def test_a_name_that_looks_like_a_formula_is_exported_as_text(client_as, cast):
    person = cast.grid_worker.person
    Person.objects.filter(pk=person.pk).update(name='=HYPERLINK("http://evil.example","点我")')

    response = client_as("grid_worker").get("/imports/export/persons.xlsx")

    assert "<f>" not in raw_xml(response.content)
    assert '=HYPERLINK("http://evil.example","点我")' in {row["姓名"] for row in _rows(response)}


def test_exports_say_who_exported_them_and_that_numbers_are_masked(client_as, cast):
    response = client_as("grid_worker").get("/imports/export/persons.xlsx")

    notes = workbook_from(response.content).worksheets[1]
    facts = dict(notes.iter_rows(values_only=True))
    assert facts["导出人"] == cast.grid_worker.display_name
    assert facts["个人信息"] == "手机号和身份证号均已脱敏。"
    assert "filename*=utf-8''" in response["Content-Disposition"]
