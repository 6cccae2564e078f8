from decimal import Decimal

import pytest

from lianxin.areas.models import Area, Level
from lianxin.imports.services import batch_confirm, batch_preview
from lianxin.imports.tests.conftest import xlsx_file

pytestmark = pytest.mark.django_db


def test_a_building_and_its_units_come_in_one_file(land):
    upload = xlsx_file(
        "areas",
        [
            {
                "parent_code": land.estate_a.code,
                "level": str(Level.BUILDING.label),
                "name": "5号楼",
                "code": "419901001001-E001-B05",
                "lat": "35.2335",
                "lng": "115.4412",
            },
            {"parent_code": "419901001001-E001-B05", "level": "unit", "name": "1单元"},
            {
                "parent_code": "419901001001-E001-B05",
                "level": "unit",
                "name": "2单元",
                "short_name": "二单元",
            },
        ],
    )

    batch = batch_preview(actor=land.secretary, kind="areas", upload=upload)
    assert batch.errors == []
    assert not Area.objects.filter(code="419901001001-E001-B05").exists()
    batch_confirm(actor=land.secretary, batch=batch)

    building = Area.objects.get(code="419901001001-E001-B05")
    assert Area.objects.get_parent(building) == land.estate_a
    assert (building.level, building.lat, building.lng) == (
        Level.BUILDING,
        Decimal("35.2335"),
        Decimal("115.4412"),
    )
    units = list(Area.objects.get_children(building).order_by("path"))
    assert [(u.name, u.code, u.short_name) for u in units] == [
        ("1单元", "419901001001-E001-B05-U01", ""),
        ("2单元", "419901001001-E001-B05-U02", "二单元"),
    ]


def test_a_level_that_cannot_sit_under_its_parent_is_reported(land):
    upload = xlsx_file("areas", [{"parent_code": land.unit_a1.code, "level": "building", "name": "错层楼"}])

    batch = batch_preview(actor=land.secretary, kind="areas", upload=upload)

    assert [(e["row"], e["column"]) for e in batch.errors] == [(2, "层级")]
    assert not Area.objects.filter(name="错层楼").exists()


def test_an_unknown_level_lists_the_levels_accepted(land):
    upload = xlsx_file("areas", [{"parent_code": land.estate_a.code, "level": "大楼", "name": "6号楼"}])

    batch = batch_preview(actor=land.secretary, kind="areas", upload=upload)

    message = batch.errors[0]["message"]
    assert message.startswith("“大楼”不是可选值，可选：")
    assert str(Level.BUILDING.label) in message
    assert str(Level.CITY.label) not in message.split("：", 1)[1].split("、")


def test_a_code_already_taken_is_reported_on_the_code_column(land):
    upload = xlsx_file(
        "areas",
        [
            {
                "parent_code": land.estate_a.code,
                "level": "building",
                "name": "7号楼",
                "code": land.building_a1.code,
            }
        ],
    )

    batch = batch_preview(actor=land.secretary, kind="areas", upload=upload)

    assert [(e["row"], e["column"]) for e in batch.errors] == [(2, "代码")]
    assert land.building_a1.code in batch.errors[0]["message"]


def test_bad_coordinates_are_reported(land):
    upload = xlsx_file(
        "areas",
        [
            {
                "parent_code": land.estate_a.code,
                "level": "building",
                "name": "8号楼",
                "lat": "95",
                "lng": "东经",
            }
        ],
    )

    batch = batch_preview(actor=land.secretary, kind="areas", upload=upload)

    assert [e["text"] for e in batch.errors] == [
        "第2行「纬度」：应在 -90 到 90 之间",
        "第2行「经度」：“东经”不是数字",
    ]
