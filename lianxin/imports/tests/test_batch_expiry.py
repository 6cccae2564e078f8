from datetime import timedelta

import pytest

from lianxin.imports.models import BatchStatus, ImportBatch
from lianxin.imports.services import batch_preview
from lianxin.imports.tasks import import_batches_expire
from lianxin.imports.tests.conftest import xlsx_file

pytestmark = pytest.mark.django_db


def test_unconfirmed_previews_lose_their_rows_after_a_day(land):
    upload = xlsx_file("households", [{"area_code": land.unit_a1.code, "address": "幸福里1号楼1单元111室"}])
    old = batch_preview(actor=land.secretary, kind="households", upload=upload)
    ImportBatch.objects.filter(pk=old.pk).update(created_at=old.created_at - timedelta(hours=25))
    upload = xlsx_file("households", [{"area_code": land.unit_a1.code, "address": "幸福里1号楼1单元112室"}])
    fresh = batch_preview(actor=land.secretary, kind="households", upload=upload)

    import_batches_expire.call_local()

    old.refresh_from_db()
    fresh.refresh_from_db()
    assert (old.status, old.rows_data) == (BatchStatus.EXPIRED, "")
    assert fresh.status == BatchStatus.PREVIEWED
    assert len(fresh.rows) == 1
