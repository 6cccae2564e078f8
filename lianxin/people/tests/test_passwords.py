import pytest
from django.contrib.auth.hashers import check_password, make_password
from django.test import override_settings

from lianxin import settings as project_settings
from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db


def test_deployments_hash_passwords_with_argon2():
    # The test run swaps in MD5 for speed (conftest.py); the project's own settings module is what deploys.
    assert project_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"

    with override_settings(PASSWORD_HASHERS=project_settings.PASSWORD_HASHERS):
        hashed = make_password("Lianxin@2026")
        assert hashed.startswith("argon2$argon2id$")
        assert check_password("Lianxin@2026", hashed)


def test_changing_the_password_keeps_the_user_signed_in_and_the_new_one_works(client_as, cast, client):
    signed_in = client_as("grid_worker")

    response = signed_in.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": "Wangge#2026x", "new_password2": "Wangge#2026x"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/accounts/me/"
    assert "密码已修改。" in signed_in.get("/accounts/me/").content.decode()
    cast.grid_worker.refresh_from_db()
    assert cast.grid_worker.check_password("Wangge#2026x")
    assert not cast.grid_worker.check_password(PASSWORD)


def test_a_wrong_old_password_or_a_weak_new_one_is_refused_in_chinese(client_as, cast):
    client = client_as("grid_worker")

    wrong_old = client.post(
        "/accounts/password/",
        {"old_password": "nope", "new_password1": "Wangge#2026x", "new_password2": "Wangge#2026x"},
    )
    weak_new = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )

    assert wrong_old.status_code == 200
    assert "你的旧密码不正确" in wrong_old.content.decode()
    assert weak_new.status_code == 200
    assert "这个密码太常见了" in weak_new.content.decode()
    cast.grid_worker.refresh_from_db()
    assert cast.grid_worker.check_password(PASSWORD)


def test_the_password_page_needs_sign_in(client):
    response = client.get("/accounts/password/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
