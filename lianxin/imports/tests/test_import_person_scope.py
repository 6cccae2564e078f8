"""Issue 18 finding 3: an import changes only the records its user may change on the pages. A person is
found by his ID number anywhere in the county (he is recorded once), but a row that would change him outside
the user's scope (couriers: his employer, tag and courier details; members: an enrolment; persons: his
employer) is refused with its Chinese reason, nothing of the batch is written, and nothing about him is
shown (not even whether the row's name matches his)."""

import pytest

from lianxin.imports.services import batch_confirm, batch_preview
from lianxin.imports.tests.conftest import valid_id_number, xlsx_file
from lianxin.party.models import Membership
from lianxin.party.models.couriers import CourierRecord
from lianxin.people.models import Organisation, OrganisationKind, Person
from lianxin.people.roles import Role

pytestmark = pytest.mark.django_db

ID_OUTSIDE = valid_id_number("41990119900101003")
ID_INSIDE = valid_id_number("41990119900101004")
OUTSIDE = "第2行「身份证号」：该身份证号的人员登记在您可修改的范围之外，其信息由登记地修改"


def _person(name, id_number, area):
    person = Person(name=name)
    person.set_id_number(id_number)
    person.set_area(area)
    person.save()
    return person


@pytest.fixture
def outsider(land):
    """Lives in 和平社区, outside the community secretary's and the grid worker's scope."""
    return _person("冯远", ID_OUTSIDE, land.other_building)


@pytest.fixture
def express(land):
    return Organisation.objects.create(
        kind=OrganisationKind.EMPLOYER, name="顺达快递", area=land.community, area_path=land.community.path
    )


def test_a_courier_recorded_outside_the_importers_areas_is_not_changed(land, outsider, express):
    rows = [
        {"name": "冯远", "id_number": ID_OUTSIDE, "employer": "顺达快递", "depot": "人民路网点"},
        {"name": "新快递", "area_code": land.unit_a1.code, "employer": "顺达快递"},
    ]

    batch = batch_preview(actor=land.secretary, kind="couriers", upload=xlsx_file("couriers", rows))

    assert [e["text"] for e in batch.errors] == [OUTSIDE]
    assert batch.status == "invalid"
    outsider.refresh_from_db()
    assert outsider.employer is None and not outsider.tags.exists()
    assert not CourierRecord.objects.exists()
    assert not Person.objects.filter(name="新快递").exists()


def test_a_wrong_name_for_a_person_outside_tells_nothing_about_him(land, outsider):
    rows = [{"name": "别人", "id_number": ID_OUTSIDE}]
    batch = batch_preview(actor=land.secretary, kind="couriers", upload=xlsx_file("couriers", rows))
    assert [e["text"] for e in batch.errors] == [OUTSIDE]


def test_a_courier_recorded_inside_is_tagged_and_given_the_details(land, express):
    inside = _person("韩立", ID_INSIDE, land.unit_a1)
    rows = [{"name": "韩立", "id_number": ID_INSIDE, "employer": "顺达快递", "depot": "人民路网点"}]

    batch = batch_preview(actor=land.secretary, kind="couriers", upload=xlsx_file("couriers", rows))
    assert batch.errors == []
    batch_confirm(actor=land.secretary, batch=batch)

    inside.refresh_from_db()
    assert inside.employer == express and inside.tags.filter(code="courier").exists()
    assert CourierRecord.objects.get(person=inside).depot == "人民路网点"


def test_an_employer_the_importer_may_not_see_is_not_given(land):
    Organisation.objects.create(
        kind=OrganisationKind.EMPLOYER,
        name="和平快递",
        area=land.other_community,
        area_path=land.other_community.path,
    )
    rows = [{"name": "新快递", "area_code": land.unit_a1.code, "employer": "和平快递"}]
    batch = batch_preview(actor=land.grid_worker, kind="couriers", upload=xlsx_file("couriers", rows))
    assert [e["column"] for e in batch.errors] == ["用人单位"]


def test_a_member_recorded_outside_is_not_enrolled_by_import(land, outsider):
    rows = [{"id_number": ID_OUTSIDE, "name": "冯远", "org_name": "幸福里小区党支部"}]

    batch = batch_preview(actor=land.secretary, kind="members", upload=xlsx_file("members", rows))

    assert [e["text"] for e in batch.errors] == [OUTSIDE]
    assert not Membership.objects.filter(person=outsider).exists()


def test_the_members_import_goes_through_the_enrolment_service_and_its_rights(land):
    """The grid worker may not enrol members on the pages; the import says the same, row by row."""
    inside = _person("韩立", ID_INSIDE, land.unit_a1)
    rows = [{"id_number": ID_INSIDE, "org_name": "幸福里小区党支部"}]

    batch = batch_preview(actor=land.grid_worker, kind="members", upload=xlsx_file("members", rows))

    assert len(batch.errors) == 1 and batch.errors[0]["row"] == 2
    assert not Membership.objects.filter(person=inside).exists()
    batch = batch_preview(actor=land.secretary, kind="members", upload=xlsx_file("members", rows))
    assert batch.errors == []
    batch_confirm(actor=land.secretary, batch=batch)
    assert Membership.objects.get(person=inside).org.name == "幸福里小区党支部"


def test_a_person_recorded_outside_gets_the_post_but_not_an_employer_from_the_import(land, outsider, express):
    rows = [
        {"name": "冯远", "id_number": ID_OUTSIDE, "employer": "顺达快递",
         "role": str(Role.BUILDING_CAPTAIN.label), "post_area_code": land.building_a1.code},
    ]  # fmt: skip

    batch = batch_preview(actor=land.secretary, kind="persons", upload=xlsx_file("persons", rows))

    assert [e["column"] for e in batch.errors] == ["工作单位"]
    assert "可修改的范围之外" in batch.errors[0]["message"]
    outsider.refresh_from_db()
    assert outsider.employer is None
    del rows[0]["employer"]
    batch = batch_preview(actor=land.secretary, kind="persons", upload=xlsx_file("persons", rows))
    assert batch.errors == []
