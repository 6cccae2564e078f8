"""The clusters part's routes answer every demo account as access_clusters.py declares, and its menu entries
show only to those whose pages open."""

from types import SimpleNamespace

import pytest
from django.test import Client

from lianxin.core.access import ALL_ROLES
from lianxin.core.navigation import nav_items
from lianxin.rural.access_clusters import ACCESS
from tests.personas import otp_verify_session
from tests.test_authorization_matrix import routes_requested_as

pytestmark = pytest.mark.django_db

MENU = ("rural_overview", "rural_committees", "rural_task_force", "rural_my_cluster")


@pytest.fixture
def w(world, cast):
    return SimpleNamespace(world=world, cast=cast)


@pytest.mark.parametrize("role", sorted(ALL_ROLES))
def test_each_role_gets_what_access_clusters_declares(w, role):
    wrong = routes_requested_as(w.cast[role], w, ACCESS)
    assert wrong == [], "\n".join(wrong)


@pytest.mark.parametrize(
    "role",
    ["county_admin", "township_secretary", "taskforce_head", "village_secretary", "villager", "resident"],
)
def test_menu_entries_open_for_those_who_see_them(w, role):
    user = w.cast[role]
    client = Client()
    client.force_login(user)
    otp_verify_session(client, user)
    items = nav_items()
    for key in MENU:
        status = client.get(items[key].url()).status_code
        if items[key].visible(user):
            assert status == 200, f"{role} sees {key} but gets {status}"


def test_the_demo_roles_see_their_menu_entries(w):
    items = nav_items()
    assert items["rural_overview"].visible(w.cast.county_admin)
    assert items["rural_committees"].visible(w.cast.township_secretary)
    assert items["rural_task_force"].visible(w.cast.taskforce_head)
    assert items["rural_my_cluster"].visible(w.cast.villager)
    assert not items["rural_overview"].visible(w.cast.villager)
