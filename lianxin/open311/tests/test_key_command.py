"""manage.py open311_key issues, lists and revokes keys from the shell (issue 19), each change audited."""

import io

import pytest
from django.core.management import CommandError, call_command

from lianxin.audit.models import AuditRecord
from lianxin.open311.models import ApiKey, key_hash
from lianxin.open311.tests.conftest import V2

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = io.StringIO()
    call_command("open311_key", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_a_key_issued_from_the_shell_works_and_is_stored_as_a_hash(system, o311):
    secret = _run("issue", system.code, "--name", "热线主密钥").strip()

    key = ApiKey.objects.get(system=system)
    assert key.name == "热线主密钥" and key.key_hash == key_hash(secret)
    assert o311.get(f"{V2}/servicerequestupdates.json", {"api_key": secret}).status_code == 200
    assert AuditRecord.objects.filter(object_type="open311.apikey", object_id=str(key.pk)).exists()
    assert secret not in str(list(AuditRecord.objects.values_list("changes", "detail")))
    listed = _run("list", system.code)
    assert key.prefix in listed and secret not in listed and "有效" in listed


def test_a_key_revoked_from_the_shell_is_refused(system, o311):
    secret = _run("issue", system.code).strip()
    key = ApiKey.objects.get(system=system)

    assert "吊销" in _run("revoke", str(key.pk))

    key.refresh_from_db()
    assert key.revoked_at is not None
    assert o311.get(f"{V2}/servicerequestupdates.json", {"api_key": secret}).status_code == 403
    assert "已吊销" in _run("list")


def test_every_key_of_a_system_is_revoked_at_once(system):
    for _ in range(2):
        _run("issue", system.code)

    _run("revoke", "--system", system.code)

    assert not ApiKey.objects.active().exists()


def test_unknown_systems_and_keys_are_errors_in_chinese(system):
    with pytest.raises(CommandError, match="外部系统"):
        _run("issue", "nobody")
    with pytest.raises(CommandError, match="密钥"):
        _run("revoke", "o311_zzz")
