import pytest
from django.contrib.auth import SESSION_KEY

from lianxin.people.models import Person, User
from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db


def _login(client, username, password=PASSWORD, **extra):
    return client.post("/accounts/login/", {"username": username, "password": password, **extra})


def test_the_login_page_is_in_chinese(client):
    response = client.get("/accounts/login/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="zh-Hans">' in html
    assert "登录" in html
    assert "账号或手机号" in html


def test_signing_in_by_account_name_opens_the_workbench(client, cast):
    response = _login(client, "grid_worker")

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert int(client.session[SESSION_KEY]) == cast.grid_worker.pk


@pytest.mark.parametrize("typed", ["13800000004", "138 0000 0004", "+86 138-0000-0004", "8613800000004"])
def test_signing_in_by_mobile_number_works_however_it_is_typed(client, cast, typed):
    response = _login(client, typed)

    assert response.status_code == 302
    assert int(client.session[SESSION_KEY]) == cast.grid_worker.pk


def test_a_wrong_password_gets_a_chinese_message_that_does_not_say_which_part_was_wrong(client, cast):
    wrong_password = _login(client, "grid_worker", "not-the-password")
    unknown_account = _login(client, "nobody_here", "not-the-password")

    assert wrong_password.status_code == 200
    assert SESSION_KEY not in client.session
    message = "账号、手机号或密码不正确，请重新输入。"
    assert message in wrong_password.content.decode()
    assert message in unknown_account.content.decode()


def test_a_mobile_number_shared_by_two_accounts_signs_in_neither(client, cast):
    other = Person(name="家人")
    other.set_mobile(cast.grid_worker.person.mobile)
    other.save()
    User.objects.create_user("grid_worker_family", password=PASSWORD, person=other)

    response = _login(client, "13800000004")

    assert response.status_code == 200
    assert SESSION_KEY not in client.session
    assert int(_login(client, "grid_worker").wsgi_request.session[SESSION_KEY]) == cast.grid_worker.pk


def test_a_disabled_account_cannot_sign_in(client, cast):
    User.objects.filter(pk=cast.resident.pk).update(is_active=False)

    response = _login(client, "resident")

    assert response.status_code == 200
    assert SESSION_KEY not in client.session


def test_after_sign_in_the_user_goes_where_he_was_going(client, cast):
    response = _login(client, "resident", next="/accounts/me/")

    assert response["Location"] == "/accounts/me/"


def test_a_next_address_on_another_site_is_ignored(client, cast):
    response = _login(client, "resident", next="https://evil.example.com/")

    assert response["Location"] == "/"


def test_an_empty_form_names_each_missing_field_in_chinese(client):
    response = client.post("/accounts/login/", {"username": "", "password": ""})

    assert response.status_code == 200
    assert response.content.decode().count("这个字段是必填项。") == 2


def test_sign_out_ends_the_session(client_as):
    client = client_as("resident")

    response = client.post("/accounts/logout/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    assert SESSION_KEY not in client.session
    assert "您已退出登录" in client.get("/accounts/login/").content.decode()
    assert client.get("/").status_code == 302


def test_sign_out_by_a_plain_link_is_refused(client_as):
    client = client_as("resident")

    assert client.get("/accounts/logout/").status_code == 405
    assert SESSION_KEY in client.session
