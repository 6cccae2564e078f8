import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from lianxin.demo.accounts import DEMO_TOTP_KEY_HEX
from lianxin.people.models import Post
from lianxin.people.roles import Role
from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db


def _sign_in(client, username):
    return client.post("/accounts/login/", {"username": username, "password": PASSWORD})


def _code(key_hex=DEMO_TOTP_KEY_HEX) -> str:
    return f"{totp(bytes.fromhex(key_hex)):06d}"


@pytest.mark.parametrize("username", ["county_admin", "sysadmin", "secadmin", "auditor"])
def test_a_password_alone_does_not_open_an_administrator_roles_pages(client, cast, username):
    assert _sign_in(client, username).status_code == 302

    for path in ("/", "/areas/", "/admin/", "/audit/", "/security/lockouts/", "/people/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/accounts/otp/"), path
    api = client.get("/api/v1/me")
    assert api.status_code == 401
    assert api.json()["error"]["code"] == "otp_required"


def test_the_right_code_opens_them_and_a_wrong_one_is_refused_and_recorded(client, cast):
    from lianxin.audit.models import AuditRecord

    _sign_in(client, "county_admin")

    wrong = client.post("/accounts/otp/", {"code": "000000" if _code() != "000000" else "111111"})
    assert wrong.status_code == 400
    assert "动态码不正确" in wrong.content.decode()
    assert AuditRecord.objects.filter(action="otp_failed", actor_name="county_admin").exists()

    # django-otp slows down guessing (throttling after a failure); this test does not wait for it.
    TOTPDevice.objects.filter(user=cast.county_admin).update(
        throttling_failure_count=0, throttling_failure_timestamp=None
    )
    right = client.post("/accounts/otp/", {"code": _code(), "next": "/areas/"})
    assert right.status_code == 302
    assert right["Location"] == "/areas/"
    assert client.get("/areas/").status_code == 200


def test_roles_without_the_requirement_sign_in_with_a_password(client, cast):
    _sign_in(client, "grid_worker")
    assert client.get("/areas/").status_code == 200


def test_the_required_roles_are_a_setting(client, cast, settings):
    settings.OTP_REQUIRED_ROLES = ["grid_worker"]
    TOTPDevice.objects.filter(user=cast.county_admin).delete()
    _sign_in(client, "grid_worker")
    assert client.get("/areas/")["Location"].startswith("/accounts/otp/setup/")


def test_a_new_administrator_enrols_and_gets_recovery_codes_that_work_once(client, cast):
    TOTPDevice.objects.filter(user=cast.county_admin).delete()
    _sign_in(client, "county_admin")
    assert client.get("/areas/")["Location"].startswith("/accounts/otp/setup/")
    page = client.get("/accounts/otp/setup/")
    assert "二维码" in page.content.decode()
    device = TOTPDevice.objects.get(user=cast.county_admin, confirmed=False)

    enrolled = client.post("/accounts/otp/setup/", {"code": _code(device.key)})
    assert enrolled.status_code == 200
    codes = enrolled.context["codes"]
    assert len(codes) == 10
    assert client.get("/areas/").status_code == 200

    client.post("/accounts/logout/")
    _sign_in(client, "county_admin")
    assert client.post("/accounts/otp/", {"code": codes[0]}).status_code == 302
    client.post("/accounts/logout/")
    _sign_in(client, "county_admin")
    assert client.post("/accounts/otp/", {"code": codes[0]}).status_code == 400  # used up
    assert StaticDevice.objects.get(user=cast.county_admin).token_set.count() == 9


def test_holding_a_required_role_through_any_post_requires_it(client, cast):
    Post.objects.create(
        person=cast.grid_worker.person, role=Role.ORG_ADMIN, area=cast.grid_worker.person.area
    )
    _sign_in(client, "grid_worker")
    assert client.get("/areas/")["Location"].startswith("/accounts/otp/setup/")
