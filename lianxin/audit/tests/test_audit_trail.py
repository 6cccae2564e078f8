import io
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from lianxin.audit.models import AuditRecord
from lianxin.audit.services import audit_record, audit_verify
from lianxin.people.models import Person, Post
from lianxin.people.roles import Role
from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db


def _last(**filters) -> AuditRecord:
    return AuditRecord.objects.filter(**filters).order_by("-id").first()


def test_sign_in_sign_out_and_failed_sign_in_are_recorded_with_the_address(client, cast):
    client.post("/accounts/login/", {"username": "grid_worker", "password": "wrong"}, REMOTE_ADDR="10.1.1.1")
    client.post("/accounts/login/", {"username": "grid_worker", "password": PASSWORD}, REMOTE_ADDR="10.1.1.2")
    client.post("/accounts/logout/", REMOTE_ADDR="10.1.1.2")

    failed = _last(action="login_failed")
    assert (failed.ip, failed.detail["login"]) == ("10.1.1.1", "grid_worker")
    login = _last(action="login")
    assert (login.actor_name, login.ip, login.object_id) == (
        "grid_worker",
        "10.1.1.2",
        str(cast.grid_worker.pk),
    )
    assert _last(action="logout").actor_name == "grid_worker"


def test_a_failed_sign_in_by_mobile_number_keeps_no_number(client, cast):
    client.post("/accounts/login/", {"username": "13911112222", "password": "wrong"})
    record = _last(action="login_failed")
    assert "13911112222" not in str(record.detail) + record.object_repr


def test_a_change_of_a_business_record_keeps_before_and_after_and_who(client_as, cast, world):
    from lianxin.areas.models import Area

    area = Area.objects.get(pk=world.estates[0].pk)
    old_name = area.name
    area.name = "改名小区"
    area.save()

    record = _last(object_type="areas.area", object_id=str(area.pk))
    assert record.action == "update"
    assert record.changes["name"] == [old_name, "改名小区"]


def test_personal_and_encrypted_values_are_never_written_to_the_trail(cast):
    person = Person(name="张三")
    person.set_mobile("13766667777")
    person.set_id_number("370982199001011234")
    person.save()
    person.set_mobile("13766668888")
    person.save()

    records = AuditRecord.objects.filter(object_type="people.person", object_id=str(person.pk))
    text = str(list(records.values_list("changes", "object_repr")))
    assert records.count() == 2
    for secret in ("13766667777", "13766668888", "370982199001011234", "张三"):
        assert secret not in text
    assert records.order_by("id").last().changes["mobile"] == ["***", "***"]


def test_a_post_change_is_a_permission_change(cast):
    post = Post.objects.create(
        person=cast.resident.person, role=Role.VOLUNTEER, area=cast.grid_worker.person.area
    )
    record = _last(object_type="people.post", object_id=str(post.pk))
    assert record.action == "permission_change"
    assert record.changes["role"] == [None, "volunteer"]


def test_exports_and_full_views_of_personal_data_are_recorded(client_as, cast, world):
    client = client_as("grid_worker")
    client.get("/imports/export/persons.xlsx")
    assert _last(action="export").actor_name == "grid_worker"

    resident = cast.resident.person
    client.post(f"/people/{resident.pk}/reveal/", {"field": "mobile", "reason": "回访"})
    view = _last(action="personal_data_view")
    assert (view.actor_name, view.object_id, view.detail["field"]) == (
        "grid_worker",
        str(resident.pk),
        "mobile",
    )
    assert resident.mobile not in str(view.detail)


def test_each_record_is_chained_to_the_one_before():
    first = audit_record(action="other", object_repr="one")
    second = audit_record(action="other", object_repr="two")
    assert second.prev_hash == first.hash
    assert second.hash.startswith(f"{settings.AUDIT_HASH}:")
    assert audit_verify()[1] is None


def test_sha256_can_be_chosen_and_both_verify(settings):
    settings.AUDIT_HASH = "sha256"
    record = audit_record(action="other", object_repr="sha")
    assert record.hash.startswith("sha256:")
    settings.AUDIT_HASH = "sm3"
    audit_record(action="other", object_repr="sm3")
    assert audit_verify()[1] is None


def test_editing_a_row_in_the_database_is_detected_at_that_row(cast):
    records = [audit_record(action="other", object_repr=f"r{i}") for i in range(3)]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditrecord SET object_repr = 'forged' WHERE id = %s", [records[1].pk])

    checked, broken, reason = audit_verify()
    assert broken == records[1].pk
    assert "hash" in reason
    with pytest.raises(CommandError, match=f"第 {records[1].pk} 条"):
        call_command("verify_audit", stdout=io.StringIO())


def test_deleting_a_row_in_the_database_is_detected_at_the_next(cast):
    records = [audit_record(action="other", object_repr=f"d{i}") for i in range(3)]
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditrecord WHERE id = %s", [records[1].pk])

    assert audit_verify()[1] == records[2].pk


def test_verify_audit_reports_an_intact_chain(cast):
    audit_record(action="other")
    out = io.StringIO()
    call_command("verify_audit", stdout=out)
    assert "审计记录链完整" in out.getvalue()


def test_the_application_never_changes_or_deletes_a_record():
    record = audit_record(action="other")
    with pytest.raises(TypeError):
        record.save()
    with pytest.raises(TypeError):
        record.delete()


@pytest.mark.parametrize("role", ["sysadmin", "secadmin", "county_admin", "grid_worker", "resident"])
def test_only_the_audit_administrator_reads_or_exports_the_trail(client_as, role):
    client = client_as(role)
    assert client.get("/audit/").status_code == 403
    assert client.get("/audit/export.xlsx").status_code == 403
    assert client.get("/audit/chain/").status_code == 403


def test_the_audit_administrator_reads_filters_and_exports_and_the_export_is_recorded(client_as, cast):
    audit_record(action="other", object_repr="visible")
    client = client_as("auditor")

    page = client.get("/audit/", {"action": "other"})
    assert page.status_code == 200
    assert "visible" in page.content.decode()
    export = client.get("/audit/export.xlsx", {"action": "other"})
    assert export.status_code == 200
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    assert _last(action="export").actor_name == "auditor"
    assert "全部" in client.get("/audit/chain/").content.decode()


def test_retention_shorter_than_six_months_is_refused():
    import os

    env = {
        **os.environ,
        "DEBUG": "true",
        "AUDIT_RETENTION_DAYS": "90",
        "DJANGO_SETTINGS_MODULE": "lianxin.settings",
    }
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env, capture_output=True, text=True, cwd=settings.BASE_DIR, check=False,
    )  # fmt: skip
    assert result.returncode != 0
    assert "AUDIT_RETENTION_DAYS must be at least 180" in result.stderr


def test_one_accounts_records_are_found_through_the_account_name_index(cast):
    from lianxin.audit.selectors import audit_record_list

    audit_record(action="other", actor=cast["grid_worker"], object_repr="mine")
    audit_record(action="other", actor=cast["resident"], object_repr="theirs")
    records = audit_record_list(user=cast["auditor"], actor="grid_worker")
    assert [r.object_repr for r in records if r.action == "other"] == ["mine"]
    sql, params = records.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            plan = " ".join(str(row[-1]) for row in cursor.fetchall())
        else:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = " ".join(row[0] for row in cursor.fetchall())
    assert "audit_actor_name_id" in plan


def test_a_change_to_a_field_named_items_is_listed_as_a_field(client_as, cast):
    audit_record(action="other", object_repr="listing", changes={"items": ["爱心助餐"], "state": "在册"})
    page = client_as("auditor").get("/audit/", {"action": "other"})
    assert page.status_code == 200
    body = page.content.decode()
    assert "items: [&#x27;爱心助餐&#x27;]" in body
    assert "state: 在册" in body
