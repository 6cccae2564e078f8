from datetime import date

import pytest

from lianxin.imports.services import batch_confirm, batch_preview
from lianxin.imports.tests.conftest import valid_id_number, xlsx_file
from lianxin.people.models import Gender, Person, Post
from lianxin.people.roles import Role

pytestmark = pytest.mark.django_db

ID_WANG = valid_id_number("41990119750612003")  # a man born 1975-06-12
ID_LI = valid_id_number("41990119880203002")  # a woman born 1988-02-03


def _import(land, rows):
    batch = batch_preview(actor=land.secretary, kind="persons", upload=xlsx_file("persons", rows))
    assert batch.errors == []
    return batch_confirm(actor=land.secretary, batch=batch)


def test_a_person_comes_in_with_encrypted_numbers_and_a_post(land):
    _import(
        land,
        [
            {
                "name": "王大成",
                "mobile": "139 1234 5678",
                "id_number": ID_WANG,
                "area_code": land.unit_a1.code,
                "tags": "快递从业人员",
                "role": str(Role.BUILDING_CAPTAIN.label),
                "post_area_code": land.building_a1.code,
                "start_date": "2024/3/1",
            }
        ],
    )

    person = Person.objects.get(id_number_index=Person.id_number_lookup(ID_WANG))
    assert (person.name, person.mobile, person.id_number) == ("王大成", "13912345678", ID_WANG)
    assert person.mobile_index == Person.mobile_lookup("13912345678")
    assert (person.gender, person.birth_date) == (Gender.MALE, date(1975, 6, 12))
    assert (person.area, person.area_path) == (land.unit_a1, land.unit_a1.path)
    assert list(person.tags.values_list("name", flat=True)) == ["快递从业人员"]
    post = Post.objects.get(person=person)
    assert (post.role, post.area, post.area_path, post.start_date) == (
        Role.BUILDING_CAPTAIN,
        land.building_a1,
        land.building_a1.path,
        date(2024, 3, 1),
    )


def test_a_person_joins_the_household_at_his_address(land):
    from lianxin.areas.models import Household

    household = Household.objects.create(
        area=land.unit_a1, area_path=land.unit_a1.path, address="幸福里1-1-702"
    )

    _import(land, [{"name": "李小红", "id_number": ID_LI, "address": "幸福里1-1-702"}])

    person = Person.objects.get(name="李小红")
    assert (person.household, person.area, person.gender) == (household, land.unit_a1, Gender.FEMALE)


def test_a_person_already_recorded_only_gets_the_post(land):
    existing = Person(name="王大成", area=land.other_building, area_path=land.other_building.path)
    existing.set_id_number(ID_WANG)
    existing.set_mobile("13700000000")
    existing.save()

    batch = _import(
        land,
        [
            {
                "name": "王大成",
                "mobile": "13912345678",
                "id_number": ID_WANG,
                "area_code": land.unit_a1.code,
                "role": "grid_worker",
                "post_area_code": land.estate_a.code,
            }
        ],
    )

    assert Person.objects.filter(id_number_index=Person.id_number_lookup(ID_WANG)).count() == 1
    existing.refresh_from_db()
    assert (existing.mobile, existing.area) == ("13700000000", land.other_building)
    assert Post.objects.filter(person=existing, role=Role.GRID_WORKER, area=land.estate_a).exists()
    assert "已登记" in batch.sample[0]["summary"]


def test_two_rows_with_one_id_number_give_one_person_two_posts(land):
    row = {"name": "王大成", "id_number": ID_WANG, "area_code": land.unit_a1.code}
    _import(
        land,
        [
            {**row, "role": "building_captain", "post_area_code": land.building_a1.code},
            {**row, "role": "liaison", "post_area_code": land.estate_a.code},
        ],
    )

    person = Person.objects.get(id_number_index=Person.id_number_lookup(ID_WANG))
    assert sorted(person.posts.values_list("role", flat=True)) == ["building_captain", "liaison"]


def test_problems_of_a_person_row_are_reported_cell_by_cell(land):
    rows = [
        {
            "name": "",
            "mobile": "12345",
            "id_number": ID_WANG[:-1] + ("0" if ID_WANG[-1] != "0" else "1"),
            "gender": "未知",
            "birth_date": "1975-13-40",
            "area_code": land.unit_a1.code,
            "role": "system_admin",
            "post_area_code": land.building_a1.code,
        },
        {"name": "无处", "id_number": ID_LI, "gender": "male"},
        {"name": "无岗", "area_code": land.unit_a1.code, "post_area_code": land.building_a1.code},
    ]

    batch = batch_preview(actor=land.secretary, kind="persons", upload=xlsx_file("persons", rows))

    assert [(e["row"], e["column"]) for e in batch.errors] == [
        (2, "姓名"),
        (2, "手机号"),
        (2, "身份证号"),
        (2, "性别"),
        (2, "出生日期"),
        (2, "岗位"),
        (3, "性别"),
        (4, "岗位"),
    ]
    assert batch.errors[2]["message"].startswith("419901********")
    assert batch.errors[6]["message"] == "与身份证号不符"
    assert not Person.objects.filter(name__in=["无处", "无岗"]).exists()


def test_a_person_with_no_place_is_refused(land):
    batch = batch_preview(
        actor=land.secretary,
        kind="persons",
        upload=xlsx_file("persons", [{"name": "无处", "id_number": ID_LI}]),
    )

    assert [e["text"] for e in batch.errors] == ["第2行「区域代码」：请填写区域代码或住址"]


def test_the_same_post_is_not_given_twice(land):
    row = {"name": "王大成", "id_number": ID_WANG, "area_code": land.unit_a1.code}
    row |= {"role": "building_captain", "post_area_code": land.building_a1.code}
    _import(land, [row])

    batch = batch_preview(actor=land.secretary, kind="persons", upload=xlsx_file("persons", [row]))

    assert [e["text"] for e in batch.errors] == ["第2行「岗位」：王大成已经担任这个岗位。"]


def test_post_fields_and_the_employer_come_in_with_the_row(land):
    from lianxin.areas.selectors import four_roles_figures
    from lianxin.people.models import Organisation, OrganisationKind
    from lianxin.people.roles import PostSource, StaffingType

    company = Organisation.objects.create(
        kind=OrganisationKind.EMPLOYER, name="顺达快递", area=land.community, area_path=land.community.path
    )
    _import(
        land,
        [
            {
                "name": "王大成",
                "id_number": ID_WANG,
                "area_code": land.unit_a1.code,
                "role": str(Role.PART_TIME_GRID_WORKER.label),
                "post_area_code": land.community.code,
                "is_full_time": "否",
                "is_sent_down": "是",
                "source": str(PostSource.PARTY_MEMBER.label),
                "staffing_type": str(StaffingType.INVITED_PART_TIME.label),
                "duties": "巡查、上报",
                "employer": "顺达快递",
            },
            {
                "name": "王大成",
                "id_number": ID_WANG,
                "role": str(Role.SAFETY_SUPERVISOR.label),
                "post_area_code": land.community.code,
            },
            {
                "name": "李小梅",
                "id_number": ID_LI,
                "area_code": land.unit_a1.code,
                "role": str(Role.CIVILITY_PATROLLER.label),
                "post_area_code": land.community.code,
                "employer": "顺达快递",
            },
        ],
    )

    wang = Person.objects.get(id_number_index=Person.id_number_lookup(ID_WANG))
    assert wang.employer == company
    post = Post.objects.get(person=wang, role=Role.PART_TIME_GRID_WORKER)
    assert (post.is_full_time, post.is_sent_down, post.source, post.staffing_type, post.duties) == (
        False,
        True,
        PostSource.PARTY_MEMBER,
        StaffingType.INVITED_PART_TIME,
        "巡查、上报",
    )
    figures = four_roles_figures(user=land.secretary, area=land.community)
    assert (
        figures["people"] == 2
    )  # 王 holds one of the four roles, 李 another; the grid-worker post is not one
    assert {r["role"]: r["posts"] for r in figures["roles"]}[Role.SAFETY_SUPERVISOR] == 1


def test_an_unknown_employer_is_reported(land):
    batch = batch_preview(
        actor=land.secretary,
        kind="persons",
        upload=xlsx_file(
            "persons",
            [
                {
                    "name": "王大成",
                    "id_number": ID_WANG,
                    "area_code": land.unit_a1.code,
                    "employer": "无此公司",
                }
            ],
        ),
    )
    assert any("无此公司" in str(e) for e in batch.errors)
