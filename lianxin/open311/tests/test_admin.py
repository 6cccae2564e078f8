"""External systems are issued in the admin: saving one gives it a service account; the key action shows each
new key once and keeps only its hash."""

import pytest

from lianxin.open311.models import ApiKey, ExternalSystem, key_hash
from lianxin.open311.tests.conftest import V2
from tests.personas import otp_verify_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, cast):
    """The demo system administrator (三员分立: he configures external systems, nobody else does)."""
    client.force_login(cast.sysadmin)
    otp_verify_session(client, cast.sysadmin)
    return client


def test_only_the_system_administrator_opens_the_external_systems(client, cast):
    for role in ("secadmin", "auditor", "county_admin"):
        client.force_login(cast[role])
        otp_verify_session(client, cast[role])
        assert client.get("/admin/open311/externalsystem/").status_code in (302, 403)


def test_an_external_system_saved_in_the_admin_gets_its_service_account(admin_client, places):
    response = admin_client.post(
        "/admin/open311/externalsystem/add/",
        {
            "name": "新新向党小程序",
            "code": "xinxin",
            "channel": "api",
            "reporter_group": "courier",
            "area": places.street.pk,
            "service_type": "realtime",
            "contact": "",
            "is_active": "on",
            "created_at_0": "2026-11-30",
            "created_at_1": "10:00:00",
            "keys-TOTAL_FORMS": "0",
            "keys-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    system = ExternalSystem.objects.get(code="xinxin")
    assert system.account.username == "system-xinxin"
    assert not system.account.has_usable_password()
    assert system.account.person.name == "新新向党小程序"


def test_the_key_action_shows_the_new_key_once_and_stores_its_hash(admin_client, system, o311, clock):
    response = admin_client.post(
        "/admin/open311/externalsystem/",
        {"action": "issue_key", "_selected_action": [system.pk]},
    )

    assert response.status_code == 200
    secret = response.content.decode().split('data-testid="open311-secret">')[1].split("<")[0]
    key = ApiKey.objects.get(system=system)
    assert key.key_hash == key_hash(secret) and secret not in (key.key_hash, key.prefix)
    assert o311.get(f"{V2}/requests.json", {"api_key": secret}).status_code == 200


def test_the_area_is_chosen_by_name_among_counties_streets_and_communities(admin_client, places):
    page = admin_client.get("/admin/open311/externalsystem/add/").content.decode()

    select = page.split('name="area"')[1].split("</select>")[0]
    assert f"{places.community.name}（社区）" in select and f"{places.street.name}（街道）" in select
    assert f'value="{places.community.pk}"' in select
    assert places.building.name not in select and places.estate.name not in select


def test_the_admin_sets_a_systems_own_rate_limit(admin_client, system):
    page = admin_client.get(f"/admin/open311/externalsystem/{system.pk}/change/").content.decode()
    assert 'name="rate_per_minute"' in page

    response = admin_client.post(
        f"/admin/open311/externalsystem/{system.pk}/change/",
        {
            "name": system.name,
            "code": system.code,
            "channel": system.channel,
            "reporter_group": system.reporter_group,
            "area": system.area_id,
            "service_type": system.service_type,
            "contact": "",
            "rate_per_minute": "1200",
            "is_active": "on",
            "created_at_0": "2026-11-30",
            "created_at_1": "10:00:00",
            "keys-TOTAL_FORMS": "0",
            "keys-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    system.refresh_from_db()
    assert system.rate_per_minute == 1200 and system.rate == "1200/m"
