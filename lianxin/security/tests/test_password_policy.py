from datetime import timedelta

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from lianxin import settings as project_settings
from lianxin.people.models import User
from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db


def _refusal(password, user=None) -> str:
    with pytest.raises(ValidationError) as caught:
        validate_password(password, user)
    return " ".join(caught.value.messages)


def test_a_password_needs_three_of_four_character_classes(cast):
    assert "中的 3 类" in _refusal("abcdefgh1", cast.grid_worker)
    validate_password("Abcdefg#1x", cast.grid_worker)


def test_a_password_may_not_contain_the_account_name(cast):
    assert "不能包含账号名" in _refusal("Grid_Worker#2026", cast.grid_worker)


def test_none_of_the_last_five_passwords_may_be_used_again(cast):
    user = cast.grid_worker
    used = [f"Wangge#{n}Xy" for n in range(6)]
    for password in used:
        user.set_password(password)
        user.save()

    for recent in used[1:]:  # the current one and the four before it
        assert "最近 5 次" in _refusal(recent, user)
    validate_password(used[0], user)  # six changes ago: allowed again


def test_the_policy_is_the_projects_own_setting():
    names = [v["NAME"].rsplit(".", 1)[-1] for v in project_settings.AUTH_PASSWORD_VALIDATORS]
    assert {
        "MinimumLengthValidator",
        "CharacterClassValidator",
        "NotUsernameValidator",
        "HistoryValidator",
    } <= set(names)
    assert project_settings.PASSWORD_EXPIRY_DAYS == 90


def test_an_expired_staff_password_must_be_changed_before_anything_else(client_as, cast):
    User.objects.filter(pk=cast.grid_worker.pk).update(
        password_changed_at=timezone.now() - timedelta(days=91), is_demo=False
    )
    client = client_as("grid_worker")

    response = client.get("/areas/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/"
    assert "您的密码已过期" in client.get("/accounts/password/").content.decode()
    assert client.get("/api/v1/areas/").status_code == 403


def test_a_residents_password_does_not_expire(client_as, cast):
    User.objects.filter(pk=cast.resident.pk).update(
        password_changed_at=timezone.now() - timedelta(days=400), is_demo=False
    )
    assert client_as("resident").get("/accounts/me/").status_code == 200


def test_demo_accounts_keep_their_published_password(client_as, cast):
    User.objects.filter(pk=cast.grid_worker.pk).update(
        password_changed_at=timezone.now() - timedelta(days=400)
    )
    assert client_as("grid_worker").get("/areas/").status_code == 200


def test_an_initial_password_set_by_an_administrator_must_be_changed_first(client, cast):
    user = User.objects.create_user("new_worker", password="Initial#2026a")
    User.objects.filter(pk=user.pk).update(must_change_password=True)

    response = client.post("/accounts/login/", {"username": "new_worker", "password": "Initial#2026a"})
    assert response.status_code == 302
    assert client.get("/accounts/me/")["Location"] == "/accounts/password/"
    page = client.get("/accounts/password/").content.decode()
    assert "初始密码" in page

    changed = client.post(
        "/accounts/password/",
        {"old_password": "Initial#2026a", "new_password1": "MyOwn#2026pw", "new_password2": "MyOwn#2026pw"},
    )
    assert changed.status_code == 302
    assert client.get("/accounts/me/").status_code == 200
    user.refresh_from_db()
    assert not user.must_change_password


def test_the_system_administrator_resetting_a_password_makes_it_initial(client_as, cast):
    client = client_as("sysadmin")
    target = cast.resident

    response = client.post(
        f"/admin/people/user/{target.pk}/password/",
        {"password1": "Reset#2026abc", "password2": "Reset#2026abc", "usable_password": "true"},
    )

    assert response.status_code == 302, response.content.decode()[:500]
    target.refresh_from_db()
    assert target.must_change_password
    assert target.check_password("Reset#2026abc")


def test_the_sm3_hasher_is_pbkdf2_hmac_sm3_and_verifies():
    from django.contrib.auth.hashers import check_password, make_password

    from lianxin.security.hashers import PBKDF2SM3PasswordHasher

    assert PBKDF2SM3PasswordHasher.iterations == 600_000
    hasher = PBKDF2SM3PasswordHasher()
    hashed = hasher.encode(PASSWORD, "fixedsalt1234567", iterations=1000)  # fewer rounds: a quick test
    assert hashed.startswith("pbkdf2_sm3$1000$")
    with override_settings(PASSWORD_HASHERS=["lianxin.security.hashers.PBKDF2SM3PasswordHasher"]):
        assert check_password(PASSWORD, hashed)
        assert not check_password("wrong", hashed)
        assert make_password(PASSWORD).startswith("pbkdf2_sm3$600000$")

    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

    expected = PBKDF2HMAC(algorithm=hashes.SM3(), length=32, salt=b"fixedsalt1234567", iterations=1000)
    import base64

    assert hashed.rsplit("$", 1)[1] == base64.b64encode(expected.derive(PASSWORD.encode())).decode()


def test_password_hasher_setting_picks_sm3_and_keeps_the_others_for_old_hashes():
    import os
    import subprocess
    import sys

    from django.conf import settings

    env = {**os.environ, "DEBUG": "true", "PASSWORD_HASHER": "sm3"}
    code = "import django; django.setup(); from django.conf import settings; print(settings.PASSWORD_HASHERS)"
    result = subprocess.run(
        [sys.executable, "-c", code], env={**env, "DJANGO_SETTINGS_MODULE": "lianxin.settings"},
        capture_output=True, text=True, cwd=settings.BASE_DIR, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.index("PBKDF2SM3") < result.stdout.index("Argon2")
