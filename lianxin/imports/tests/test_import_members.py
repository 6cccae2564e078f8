from datetime import date

import pytest

from lianxin.imports.services import batch_confirm, batch_preview
from lianxin.imports.tests.conftest import valid_id_number, xlsx_file
from lianxin.party.models import Membership, MembershipKind
from lianxin.people.models import Person

pytestmark = pytest.mark.django_db

ID_ZHOU = valid_id_number("41990119700101001")


@pytest.fixture
def zhou(land):
    person = Person(name="周红", area=land.unit_a1, area_path=land.unit_a1.path)
    person.set_id_number(ID_ZHOU)
    person.save()
    return person


def test_a_recorded_person_joins_a_branch_by_name(land, zhou):
    upload = xlsx_file(
        "members",
        [
            {
                "id_number": ID_ZHOU,
                "name": "周红",
                "org_name": "幸福里小区党支部",
                "kind": str(MembershipKind.PROBATIONARY.label),
                "joined_on": "2023-07-01",
                "is_mobile": "是",
                "work_place": "江苏省苏州市",
            }
        ],
    )
    batch = batch_preview(actor=land.secretary, kind="members", upload=upload)
    assert batch.errors == []

    batch_confirm(actor=land.secretary, batch=batch)

    membership = Membership.objects.get(person=zhou)
    assert (membership.org, membership.org_path, membership.area_path) == (
        land.branch_a,
        land.branch_a.path,
        zhou.area_path,
    )
    assert (membership.kind, membership.joined_on, membership.is_home, membership.is_mobile) == (
        MembershipKind.PROBATIONARY,
        date(2023, 7, 1),
        True,
        True,
    )
    assert membership.work_place == "江苏省苏州市"


def test_a_branch_can_be_named_by_its_number(land, zhou):
    upload = xlsx_file("members", [{"id_number": ID_ZHOU, "org_id": str(land.branch_a.pk)}])

    batch_confirm(
        actor=land.secretary, batch=batch_preview(actor=land.secretary, kind="members", upload=upload)
    )

    assert Membership.objects.get(person=zhou).kind == MembershipKind.FULL


def test_an_unknown_person_must_be_imported_first(land):
    unknown = valid_id_number("41990119700101002")
    upload = xlsx_file("members", [{"id_number": unknown, "org_name": "幸福里小区党支部"}])

    batch = batch_preview(actor=land.secretary, kind="members", upload=upload)

    assert [e["text"] for e in batch.errors] == [
        f"第2行「身份证号」：找不到身份证号为 {unknown[:6]}********{unknown[-4:]} 的人员，请先导入人员"
    ]


def test_a_name_that_does_not_match_the_id_number_is_refused(land, zhou):
    upload = xlsx_file("members", [{"id_number": ID_ZHOU, "name": "周绿", "org_name": "幸福里小区党支部"}])

    batch = batch_preview(actor=land.secretary, kind="members", upload=upload)

    assert [e["text"] for e in batch.errors] == ["第2行「姓名」：与该身份证号登记的姓名不一致"]


def test_a_member_holds_his_organisational_relation_in_one_place_only(land, zhou):
    Membership.objects.create(
        person=zhou, org=land.branch_other, org_path=land.branch_other.path, is_home=True
    )
    upload = xlsx_file("members", [{"id_number": ID_ZHOU, "org_name": "幸福里小区党支部"}])

    batch = batch_preview(actor=land.secretary, kind="members", upload=upload)

    assert [e["column"] for e in batch.errors] == ["组织关系在本组织"]
    enrolment = xlsx_file(
        "members", [{"id_number": ID_ZHOU, "org_name": "幸福里小区党支部", "is_home": "否"}]
    )
    assert batch_preview(actor=land.secretary, kind="members", upload=enrolment).errors == []
