"""The tasks part's routes answer every demo account as access_tasks.py declares, and its menu entries
show only to those whose pages open."""

from types import SimpleNamespace

import pytest
from django.test import Client

from lianxin.core.access import ALL_ROLES
from lianxin.core.navigation import nav_items
from lianxin.supervision.access_tasks import ACCESS
from tests.personas import otp_verify_session
from tests.test_authorization_matrix import routes_requested_as

pytestmark = pytest.mark.django_db

MENU = ("key_tasks", "leading_groups", "progress_rounds", "performance")


@pytest.fixture
def w(world, cast):
    return SimpleNamespace(world=world, cast=cast)


@pytest.mark.parametrize("role", sorted(ALL_ROLES | {"county_leader"}))
def test_each_role_gets_what_access_tasks_declares(w, role):
    wrong = routes_requested_as(w.cast[role], w, ACCESS)
    assert wrong == [], "\n".join(wrong)


@pytest.mark.parametrize("role", ["county_admin", "county_leader", "dept_staff", "resident", "grid_worker"])
def test_menu_entries_open_for_those_who_see_them(w, role):
    user = w.cast[role]
    client = Client()
    client.force_login(user)
    otp_verify_session(client, user)
    items = nav_items()
    shown = [key for key in MENU if items[key].visible(user)]
    for key in MENU:
        status = client.get(items[key].url()).status_code
        assert (status == 200) == (key in shown), (role, key, status)
    if role in ("county_admin", "county_leader"):
        assert set(shown) == set(MENU)
    if role == "resident":
        assert shown == []
