import time

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session

from lianxin.security.middleware import AUTH_AT, SEEN_AT
from lianxin.security.models import UserSession
from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db


def _age_session(client, **seconds_ago):
    session = client.session
    now = time.time()
    for key, ago in seconds_ago.items():
        session[{"auth": AUTH_AT, "seen": SEEN_AT}[key]] = now - ago
    session.save()


def test_signing_in_gives_a_new_session_key(client, cast):
    client.get("/accounts/login/")
    client.session.save()
    before = client.session.session_key

    client.post("/accounts/login/", {"username": "resident", "password": PASSWORD})

    assert client.session.session_key != before
    assert not Session.objects.filter(session_key=before).exists()


def test_a_staff_session_ends_after_thirty_idle_minutes(client_as):
    client = client_as("grid_worker")
    assert client.get("/areas/").status_code == 200
    _age_session(client, seen=settings.SESSION_IDLE_TIMEOUT_STAFF + 5)

    response = client.get("/areas/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert SESSION_KEY not in client.session


def test_a_resident_session_survives_thirty_idle_minutes(client_as):
    client = client_as("resident")
    _age_session(client, seen=31 * 60)
    assert client.get("/accounts/me/").status_code == 200


def test_a_session_ends_after_its_absolute_lifetime_however_active(client_as):
    client = client_as("grid_worker")
    _age_session(client, auth=settings.SESSION_COOKIE_AGE + 5, seen=10)

    assert client.get("/areas/").status_code == 302
    assert client.get("/api/v1/me").status_code == 401


def test_cookies_are_httponly_samesite_and_secure_in_production(client, cast):
    from lianxin import settings as project_settings

    response = client.post("/accounts/login/", {"username": "resident", "password": PASSWORD})
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert project_settings.CSRF_COOKIE_HTTPONLY
    # Secure whenever DEBUG is off: lianxin/core/tests/test_headers.py starts production settings.


def test_sign_out_deletes_the_session_from_the_store(client_as):
    client = client_as("resident")
    key = client.session.session_key

    client.post("/accounts/logout/")

    assert not Session.objects.filter(session_key=key).exists()
    assert not UserSession.objects.filter(session_key=key).exists()


def test_one_click_signs_out_every_session_of_the_account(client, cast, django_user_model):
    from django.test import Client

    phone, desk = Client(), Client()
    for browser in (phone, desk):
        browser.post("/accounts/login/", {"username": "resident", "password": PASSWORD})
    keys = [phone.session.session_key, desk.session.session_key]
    assert UserSession.objects.filter(user=cast.resident).count() == 2
    assert "退出全部会话" in desk.get("/accounts/sessions/").content.decode()

    response = desk.post("/accounts/sessions/sign-out-all/")

    assert response.status_code == 302
    assert not Session.objects.filter(session_key__in=keys).exists()
    assert phone.get("/accounts/me/").status_code == 302
    assert desk.get("/accounts/me/").status_code == 302


def _totp_code() -> str:
    from django_otp.oath import totp

    from lianxin.demo.accounts import DEMO_TOTP_KEY_HEX

    return f"{totp(bytes.fromhex(DEMO_TOTP_KEY_HEX)):06d}"


def test_giving_the_second_factor_renews_the_session_key(client, cast):
    # A session id seen before the second factor (a shared desk, a proxy log) must not become a verified one.
    client.post("/accounts/login/", {"username": "county_admin", "password": PASSWORD})
    before = client.session.session_key

    assert client.post("/accounts/otp/", {"code": _totp_code()}).status_code == 302

    after = client.session.session_key
    assert after != before
    assert not Session.objects.filter(session_key=before).exists()
    assert client.get("/areas/").status_code == 200
    # "sign out everywhere" still finds the renewed session
    assert UserSession.objects.filter(user=cast.county_admin, session_key=after).exists()


def test_changing_the_password_renews_the_session_key_and_keeps_it_listed(client_as, cast):
    client = client_as("grid_worker")
    before = client.session.session_key
    assert UserSession.objects.filter(session_key=before).exists()

    client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": "Wangge#2026x", "new_password2": "Wangge#2026x"},
    )

    after = client.session.session_key
    assert after != before
    assert not Session.objects.filter(session_key=before).exists()
    assert UserSession.objects.filter(user=cast.grid_worker, session_key=after).exists()
    assert not UserSession.objects.filter(session_key=before).exists()
