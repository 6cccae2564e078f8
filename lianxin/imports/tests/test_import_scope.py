import pytest

from lianxin.areas.models import Area, Household
from lianxin.core.errors_domain import DomainError
from lianxin.imports.models import BatchStatus
from lianxin.imports.selectors import user_may_import
from lianxin.imports.services import batch_confirm, batch_preview
from lianxin.imports.tests.conftest import valid_id_number, xlsx_file
from lianxin.party.models import Membership
from lianxin.people.models import Person, Post

pytestmark = pytest.mark.django_db

MAY_IMPORT = {"county_admin", "street_secretary", "community_secretary", "grid_worker", "dept_staff"} | {
    # The rural cast: a township's and a village's secretary, and a department cadre heading a task force.
    "township_secretary",
    "village_secretary",
    "taskforce_head",
}


def test_only_posts_that_write_and_see_full_numbers_may_import(cast):
    allowed = {user.username for user in cast if user_may_import(user=user)}

    assert allowed == MAY_IMPORT


def test_a_grid_worker_imports_into_his_estate_but_not_the_next_one(land):
    upload = xlsx_file(
        "households",
        [
            {"area_code": land.unit_a1.code, "address": "幸福里1号楼1单元301室"},
            {"area_code": land.building_b1.code, "address": "锦绣花园1号楼301室"},
        ],
    )

    batch = batch_preview(actor=land.grid_worker, kind="households", upload=upload)

    assert batch.status == BatchStatus.INVALID
    assert [e["text"] for e in batch.errors] == [
        f"第3行「区域代码」：区域 {land.building_b1.code} 不在您可以修改的范围内"
    ]
    assert not Household.objects.filter(address__in=["幸福里1号楼1单元301室", "锦绣花园1号楼301室"]).exists()


def test_a_community_secretary_cannot_add_areas_under_another_community(land):
    upload = xlsx_file(
        "areas",
        [
            {"parent_code": land.estate_a.code, "level": "building", "name": "9号楼"},
            {"parent_code": land.other_community.code, "level": "estate", "name": "和平二期"},
        ],
    )

    batch = batch_preview(actor=land.secretary, kind="areas", upload=upload)

    assert [e["text"] for e in batch.errors] == [
        "第3行「上级区域代码」：区域 419901001002 不在您可以修改的范围内"
    ]
    assert not Area.objects.filter(name__in=["9号楼", "和平二期"]).exists()


def test_a_post_over_an_area_outside_scope_is_refused(land):
    upload = xlsx_file(
        "persons",
        [
            {
                "name": "吴九",
                "id_number": valid_id_number("41990119900101001"),
                "area_code": land.unit_a1.code,
                "role": "building_captain",
                "post_area_code": land.other_building.code,
            }
        ],
    )

    batch = batch_preview(actor=land.secretary, kind="persons", upload=upload)

    assert [e["column"] for e in batch.errors] == ["岗位区域代码"]
    assert "不在您可以修改的范围内" in batch.errors[0]["message"]
    assert not Person.objects.filter(name="吴九").exists()
    assert not Post.objects.filter(area=land.other_building).exists()


def test_members_cannot_be_added_to_a_branch_outside_scope(land):
    person = Person(name="郑十", area=land.unit_a1, area_path=land.unit_a1.path)
    person.set_id_number(valid_id_number("41990119800101001"))
    person.save()
    upload = xlsx_file("members", [{"id_number": person.id_number, "org_name": land.branch_other.name}])

    batch = batch_preview(actor=land.secretary, kind="members", upload=upload)

    assert [e["text"] for e in batch.errors] == [
        "第2行「党组织名称」：在您可以修改的范围内找不到名为“和平小区党支部”的党组织"
    ]
    assert not Membership.objects.filter(person=person).exists()


@pytest.mark.parametrize("who", ["captain", "resident"])
def test_users_whose_posts_do_not_allow_it_cannot_import(land, who):
    upload = xlsx_file("households", [{"area_code": land.unit_a1.code, "address": "幸福里1号楼1单元401室"}])

    with pytest.raises(DomainError, match="您的岗位不能导入数据"):
        batch_preview(actor=getattr(land, who), kind="households", upload=upload)


def test_a_user_who_lost_his_post_cannot_confirm_his_old_preview(land):
    upload = xlsx_file("households", [{"area_code": land.unit_a1.code, "address": "幸福里1号楼1单元501室"}])
    batch = batch_preview(actor=land.grid_worker, kind="households", upload=upload)
    Post.objects.filter(person=land.grid_worker.person).update(end_date="2024-06-30")
    land.grid_worker.refresh_from_db()

    with pytest.raises(DomainError):
        batch_confirm(actor=land.grid_worker, batch=batch)
    assert not Household.objects.filter(address="幸福里1号楼1单元501室").exists()


def test_someone_elses_preview_is_not_found(client, land):
    upload = xlsx_file("households", [{"area_code": land.unit_a1.code, "address": "幸福里1号楼1单元601室"}])
    batch = batch_preview(actor=land.grid_worker, kind="households", upload=upload)
    client.force_login(land.secretary)

    assert client.get(f"/imports/batches/{batch.pk}/").status_code == 404
    assert client.post(f"/imports/batches/{batch.pk}/confirm/").status_code == 404
    assert not Household.objects.filter(address="幸福里1号楼1单元601室").exists()


def _estate_of(world, area):
    return next(estate for estate in world.estates if estate.path.startswith(area.path))


@pytest.mark.parametrize(
    "role, inside, outside",
    [
        ("street_secretary", lambda w: w.estates[0], lambda w: _estate_of(w, w.streets[1])),
        ("community_secretary", lambda w: w.estates[0], lambda w: _estate_of(w, w.communities[1])),
        ("grid_worker", lambda w: w.estates[0], lambda w: w.estates[1]),
    ],
)
def test_in_the_demo_world_each_importer_reaches_his_own_areas_only(cast, world, role, inside, outside):
    rows = [
        {"parent_code": inside(world).code, "level": "building", "name": "导入测试楼"},
        {"parent_code": outside(world).code, "level": "building", "name": "越界测试楼"},
    ]

    batch = batch_preview(actor=cast[role], kind="areas", upload=xlsx_file("areas", rows))

    assert [(e["row"], e["column"]) for e in batch.errors] == [(3, "上级区域代码")]
    assert "不在您可以修改的范围内" in batch.errors[0]["message"]
