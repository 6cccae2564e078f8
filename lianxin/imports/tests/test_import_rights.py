"""Issue 18 finding 3: the import gives no post that the pages and the API refuse. A row's post goes
through ``people.appointments.post_appoint`` with the importer's rights; a refused row carries the Chinese
reason in the row report, and nothing of the batch is written."""

import pytest

from lianxin.imports.services import batch_confirm, batch_preview
from lianxin.imports.tests.conftest import valid_id_number, xlsx_file
from lianxin.people.models import Person, Post
from lianxin.people.roles import Role

pytestmark = pytest.mark.django_db


def _rows(land, role):
    unit = land.unit_a1.code
    return [
        {"name": "合规楼长", "id_number": valid_id_number("41990119800101001"), "area_code": unit},
        {"name": "越权岗位", "id_number": valid_id_number("41990119800101002"), "area_code": unit,
         "role": str(role.label), "post_area_code": land.estate_a.code},
    ]  # fmt: skip


def test_a_grid_worker_imports_no_organisation_department_post(land):
    batch = batch_preview(
        actor=land.grid_worker, kind="persons", upload=xlsx_file("persons", _rows(land, Role.ORG_ADMIN))
    )

    assert [(e["row"], e["column"]) for e in batch.errors] == [(3, "岗位")]
    assert batch.status == "invalid"
    assert not Person.objects.filter(name__in=["合规楼长", "越权岗位"]).exists()
    assert not Post.objects.filter(role=Role.ORG_ADMIN, area=land.estate_a).exists()


def test_a_grid_worker_appoints_no_post_by_import_the_pages_would_refuse(land):
    """The pages let only the organisation department and secretaries appoint: the import says the same."""
    batch = batch_preview(
        actor=land.grid_worker, kind="persons", upload=xlsx_file("persons", _rows(land, Role.GRID_WORKER))
    )

    assert len(batch.errors) == 1
    assert batch.errors[0]["row"] == 3
    assert "组织部" in batch.errors[0]["message"]
    assert not Person.objects.filter(name__in=["合规楼长", "越权岗位"]).exists()


def test_the_secretary_imports_the_same_rows_when_the_post_is_his_to_give(land):
    batch = batch_preview(
        actor=land.secretary, kind="persons", upload=xlsx_file("persons", _rows(land, Role.GRID_WORKER))
    )
    assert batch.errors == []
    batch_confirm(actor=land.secretary, batch=batch)
    assert Post.objects.filter(person__name="越权岗位", role=Role.GRID_WORKER, area=land.estate_a).exists()
