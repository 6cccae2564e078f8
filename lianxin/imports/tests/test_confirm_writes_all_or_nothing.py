from datetime import timedelta

import pytest

from lianxin.areas.models import Household
from lianxin.core.errors_domain import DomainError
from lianxin.imports.models import BatchStatus, ImportBatch
from lianxin.imports.services import batch_confirm, batch_preview
from lianxin.imports.tests.conftest import xlsx_file

pytestmark = pytest.mark.django_db

ADDRESSES = ["幸福里1号楼1单元101室", "幸福里1号楼1单元102室", "锦绣花园1号楼101室"]


def _good_file(land):
    return xlsx_file(
        "households",
        [
            {"area_code": land.unit_a1.code, "address": ADDRESSES[0], "size": 3, "tags": "独居老人、低保户"},
            {"area_code": land.unit_a1.code, "address": ADDRESSES[1]},
            {"area_code": land.building_b1.code, "address": ADDRESSES[2], "size": "2", "note": "租户"},
        ],
    )


def test_a_good_file_is_previewed_without_writing_anything(land):
    before = Household.objects.count()

    batch = batch_preview(actor=land.secretary, kind="households", upload=_good_file(land))

    assert batch.status == BatchStatus.PREVIEWED
    assert (batch.total_rows, batch.valid_rows, batch.errors) == (3, 3, [])
    assert Household.objects.count() == before
    assert [line["summary"] for line in batch.sample] == [
        "在1单元新建户“幸福里1号楼1单元101室”",
        "在1单元新建户“幸福里1号楼1单元102室”",
        "在1号楼新建户“锦绣花园1号楼101室”",
    ]


def test_confirming_creates_exactly_the_rows_of_the_file(land):
    before = Household.objects.count()
    batch = batch_preview(actor=land.secretary, kind="households", upload=_good_file(land))

    batch = batch_confirm(actor=land.secretary, batch=batch)

    assert batch.status == BatchStatus.CONFIRMED
    assert batch.written_rows == 3
    assert batch.confirmed_at is not None
    assert Household.objects.count() == before + 3
    first = Household.objects.get(address=ADDRESSES[0])
    assert (first.area, first.area_path, first.size) == (land.unit_a1, land.unit_a1.path, 3)
    assert sorted(first.tags.values_list("name", flat=True)) == ["低保户", "独居老人"]
    third = Household.objects.get(address=ADDRESSES[2])
    assert (third.area, third.size, third.note) == (land.building_b1, 2, "租户")


def test_confirming_twice_writes_once(land):
    batch = batch_preview(actor=land.secretary, kind="households", upload=_good_file(land))

    batch_confirm(actor=land.secretary, batch=batch)
    again = batch_confirm(actor=land.secretary, batch=ImportBatch.objects.get(pk=batch.pk))
    stale = batch_confirm(actor=land.secretary, batch=batch)  # the object from before the first click

    assert Household.objects.filter(address__in=ADDRESSES).count() == 3
    assert again.status == stale.status == BatchStatus.CONFIRMED


def test_the_stored_rows_are_dropped_once_confirmed(land):
    batch = batch_preview(actor=land.secretary, kind="households", upload=_good_file(land))
    assert len(batch.rows) == 3

    batch_confirm(actor=land.secretary, batch=batch)

    assert ImportBatch.objects.get(pk=batch.pk).rows_data == ""


def test_the_stored_rows_are_encrypted(land):
    from django.db import connection

    batch = batch_preview(actor=land.secretary, kind="households", upload=_good_file(land))

    with connection.cursor() as cursor:
        cursor.execute("SELECT rows_data FROM imports_importbatch WHERE id = %s", [batch.pk])
        stored = cursor.fetchone()[0]
    assert stored.startswith("v2:sm4:")
    assert ADDRESSES[0] not in stored


def test_a_row_that_fails_at_confirmation_rolls_back_the_whole_file(land):
    batch = batch_preview(actor=land.secretary, kind="households", upload=_good_file(land))
    # Someone records the third household between the preview and the confirmation.
    Household.objects.create(area=land.building_b1, area_path=land.building_b1.path, address=ADDRESSES[2])

    batch = batch_confirm(actor=land.secretary, batch=batch)

    assert batch.status == BatchStatus.FAILED
    assert [e["text"] for e in batch.errors] == ["第4行「地址」：该区域已有地址为“锦绣花园1号楼101室”的户"]
    assert not Household.objects.filter(address__in=ADDRESSES[:2]).exists()
    assert batch.rows_data == ""


def test_a_failed_batch_cannot_be_confirmed_again(land):
    batch = batch_preview(actor=land.secretary, kind="households", upload=_good_file(land))
    Household.objects.create(area=land.building_b1, area_path=land.building_b1.path, address=ADDRESSES[2])
    batch_confirm(actor=land.secretary, batch=batch)
    Household.objects.filter(address=ADDRESSES[2]).delete()

    with pytest.raises(DomainError):
        batch_confirm(actor=land.secretary, batch=ImportBatch.objects.get(pk=batch.pk))
    assert not Household.objects.filter(address__in=ADDRESSES).exists()


def test_a_preview_left_too_long_expires_instead_of_writing(land, settings):
    settings.IMPORT_PREVIEW_HOURS = 2
    batch = batch_preview(actor=land.secretary, kind="households", upload=_good_file(land))
    ImportBatch.objects.filter(pk=batch.pk).update(created_at=batch.created_at - timedelta(hours=3))

    batch = batch_confirm(actor=land.secretary, batch=ImportBatch.objects.get(pk=batch.pk))

    assert batch.status == BatchStatus.EXPIRED
    assert not Household.objects.filter(address__in=ADDRESSES).exists()
