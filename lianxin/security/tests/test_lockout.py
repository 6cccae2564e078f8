import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY

from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db

LOCKED = "登录失败次数过多"


def _login(client, username, password="wrong-password", ip="10.0.0.1"):
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=ip)


def _alert(response) -> str:
    html = response.content.decode()
    return html.split('data-testid="locked-out">', 1)[1].split("</div>", 1)[0]


def test_five_failures_lock_the_account_even_with_the_right_password_after(client, cast):
    for _ in range(4):
        assert _login(client, "grid_worker").status_code == 200
    fifth = _login(client, "grid_worker")

    assert fifth.status_code == 429
    assert LOCKED in fifth.content.decode()
    right = _login(client, "grid_worker", PASSWORD, ip="10.0.0.2")  # another address: the account is locked
    assert right.status_code == 429
    assert SESSION_KEY not in client.session


def test_the_lockout_message_does_not_reveal_whether_the_account_exists(client, cast):
    for _ in range(5):
        existing = _login(client, "grid_worker", ip="10.0.1.1")
        missing = _login(client, "nobody_at_all", ip="10.0.1.2")

    assert existing.status_code == missing.status_code == 429
    assert _alert(existing) == _alert(missing)
    assert LOCKED in _alert(existing)


def test_five_failures_from_one_address_lock_that_address_for_every_account(client, cast):
    for username in ("a1", "a2", "a3", "a4", "a5"):
        _login(client, username, ip="10.0.2.1")

    assert _login(client, "resident", PASSWORD, ip="10.0.2.1").status_code == 429
    assert _login(client, "resident", PASSWORD, ip="10.0.2.9").status_code == 302


def test_a_mobile_number_however_typed_counts_against_its_account_and_is_never_stored(client, cast):
    for typed in ("13800000004", "138 0000 0004", "+86 138-0000-0004", "8613800000004", "138-0000-0004"):
        _login(client, typed, ip=f"10.0.3.{len(typed)}")

    assert _login(client, "grid_worker", PASSWORD, ip="10.0.3.99").status_code == 429
    usernames = set(AccessAttempt.objects.values_list("username", flat=True))
    assert usernames == {"grid_worker"}
    _login(client, "13999999999", ip="10.0.3.50")
    assert not AccessAttempt.objects.filter(username__contains="13999999999").exists()


def test_the_security_administrator_unlocks_an_account(client, client_as, cast):
    for _ in range(5):
        _login(client, "grid_worker", ip="10.0.4.1")
    assert _login(client, "grid_worker", PASSWORD, ip="10.0.4.2").status_code == 429

    admin = client_as("secadmin")
    page = admin.get("/security/lockouts/")
    assert page.status_code == 200
    assert "grid_worker" in page.content.decode()
    assert admin.post("/security/lockouts/unlock/", {"username": "grid_worker"}).status_code == 302

    admin.logout()
    assert _login(admin, "grid_worker", PASSWORD, ip="10.0.4.2").status_code == 302


@pytest.mark.parametrize("role", ["sysadmin", "auditor", "county_admin", "grid_worker"])
def test_only_the_security_administrator_sees_or_lifts_lockouts(client_as, cast, role):
    client = client_as(role)
    assert client.get("/security/lockouts/").status_code == 403
    assert client.post("/security/lockouts/unlock/", {"username": "x"}).status_code == 403


def test_another_accounts_success_from_the_same_address_does_not_clear_the_failures(client, cast):
    # An insider guesses a colleague's password between his own sign-ins: the colleague's count keeps rising.
    for _ in range(4):
        assert _login(client, "grid_worker", ip="10.0.5.1").status_code == 200
        assert _login(client, "resident", PASSWORD, ip="10.0.5.1").status_code == 302
        client.logout()

    assert _login(client, "grid_worker", ip="10.0.5.1").status_code == 429
    assert _login(client, "grid_worker", PASSWORD, ip="10.0.5.2").status_code == 429


def test_the_accounts_own_success_clears_only_its_own_failures(client, cast):
    for _ in range(3):
        _login(client, "grid_worker", ip="10.0.6.1")
    _login(client, "resident", ip="10.0.6.1")
    assert _login(client, "grid_worker", PASSWORD, ip="10.0.6.1").status_code == 302
    client.logout()

    assert not AccessAttempt.objects.filter(username="grid_worker").exists()
    assert AccessAttempt.objects.filter(username="resident").get().failures_since_start == 1
