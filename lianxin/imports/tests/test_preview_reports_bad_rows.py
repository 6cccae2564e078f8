import pytest

from lianxin.areas.models import Household
from lianxin.imports.models import BatchStatus
from lianxin.imports.services import batch_confirm, batch_preview
from lianxin.imports.tests.conftest import xlsx_file
from lianxin.people.models import Person

pytestmark = pytest.mark.django_db


def _households_file(land):
    return xlsx_file(
        "households",
        [
            {
                "area_code": land.unit_a1.code,
                "address": "幸福里1号楼1单元101室",
                "size": 3,
                "tags": "独居老人",
            },
            {"area_code": "419901001001-E099", "address": "幸福里9号楼101室"},
            {"area_code": land.estate_a.code, "address": "幸福里小区某户", "size": "三"},
            {"area_code": land.unit_a1.code, "address": "", "tags": "无此标签"},
            {"area_code": land.building_b1.code, "address": "锦绣花园1号楼101室", "size": 2},
        ],
    )


def test_a_file_with_bad_rows_writes_nothing_at_all(land):
    before = Household.objects.count()

    batch = batch_preview(actor=land.secretary, kind="households", upload=_households_file(land))

    assert Household.objects.count() == before
    assert not Household.objects.filter(address__in=["幸福里1号楼1单元101室", "锦绣花园1号楼101室"]).exists()
    assert batch.status == BatchStatus.INVALID
    assert (batch.total_rows, batch.valid_rows, batch.invalid_rows) == (5, 2, 3)


def test_every_bad_cell_is_reported_with_row_column_and_reason_in_chinese(land):
    batch = batch_preview(actor=land.secretary, kind="households", upload=_households_file(land))

    estate_level = land.estate_a.get_level_display()
    assert [e["text"] for e in batch.errors] == [
        "第3行「区域代码」：找不到代码为 419901001001-E099 的区域",
        f"第4行「区域代码」：户只能登记在单元、楼栋、村或网格上，{land.estate_a.code} 是{estate_level}",
        "第4行「户人数」：“三”不是整数",
        "第5行「地址」：必填，请填写",
        "第5行「户标签」：没有名为“无此标签”的户标签，可用的标签有：独居老人、空巢老人、低保户、残疾人家庭、留守儿童、退役军人家庭",
    ]
    assert batch.errors[0] == {
        "row": 3,
        "column": "区域代码",
        "message": "找不到代码为 419901001001-E099 的区域",
        "text": "第3行「区域代码」：找不到代码为 419901001001-E099 的区域",
    }


def test_a_file_with_errors_cannot_be_confirmed_and_keeps_no_rows(land):
    batch = batch_preview(actor=land.secretary, kind="households", upload=_households_file(land))

    assert batch.rows == []
    with pytest.raises(Exception, match="有错误，未写入"):
        batch_confirm(actor=land.secretary, batch=batch)
    assert not Household.objects.filter(address="幸福里1号楼1单元101室").exists()


def test_the_template_example_row_left_in_the_file_is_refused(land):
    from lianxin.imports.specs import SPECS

    upload = xlsx_file("households", [SPECS["households"].example_values()])

    batch = batch_preview(actor=land.secretary, kind="households", upload=upload)

    assert [e["text"] for e in batch.errors] == ["第2行：这是模板中的示例行，请覆盖或删除后再上传"]


def test_full_numbers_never_appear_in_the_reported_problems(land):
    upload = xlsx_file(
        "persons",
        [
            {
                "name": "周八",
                "mobile": "1391234567",
                "id_number": "379901198503150019",
                "area_code": land.unit_a1.code,
            }
        ],
    )

    batch = batch_preview(actor=land.secretary, kind="persons", upload=upload)

    texts = " ".join(e["text"] for e in batch.errors)
    assert "1391234567" not in texts
    assert "379901198503150019" not in texts
    assert "379901********0019" in texts
    assert not Person.objects.filter(name="周八").exists()
