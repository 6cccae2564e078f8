"""Who finds which case page in the menu and the phone's tabs."""

import pytest

from lianxin.core.navigation import nav_for_user

pytestmark = pytest.mark.django_db


def keys(user) -> tuple[set[str], set[str]]:
    nav = nav_for_user(user)
    return {i["key"] for s in nav["sections"] for i in s["items"]}, {t["key"] for t in nav["tabs"]}


def test_a_resident_reports_and_follows_his_cases_from_the_tabs(cast):
    items, tabs = keys(cast.resident)

    assert {"cases_report", "cases_mine"} <= tabs
    assert not items & {"cases_todo", "cases_staff", "cases_snapshot", "cases_visits"}


@pytest.mark.parametrize("username", ["grid_worker", "building_captain", "liaison"])
def test_workers_have_the_to_do_tab_the_snapshot_and_visits(cast, username):
    items, tabs = keys(cast[username])

    assert "cases_todo" in tabs
    assert {"cases_snapshot", "cases_visits"} <= items and not items & {"cases_staff", "cases_visit_list"}


@pytest.mark.parametrize("username", ["dept_staff", "property_staff", "provider_staff"])
def test_department_and_company_staff_have_their_to_do_list_only(cast, username):
    items, _tabs = keys(cast[username])

    assert "cases_todo" in items
    assert not items & {"cases_staff", "cases_snapshot", "cases_visits"}


def test_a_courier_has_the_snapshot_but_no_to_do_list(cast):
    items, _tabs = keys(cast.courier)

    assert "cases_snapshot" in items and "cases_todo" not in items


@pytest.mark.parametrize("username", ["community_secretary", "street_secretary", "county_admin"])
def test_staff_have_the_case_management_queue(cast, username):
    assert "cases_staff" in keys(cast[username])[0]
    assert "cases_visit_list" in keys(cast[username])[0]  # the visits list (P000-31)


def test_the_three_administrators_see_no_case_work(cast):
    for username in ("sysadmin", "secadmin", "auditor"):
        items, _tabs = keys(cast[username])
        assert not items & {"cases_todo", "cases_staff", "cases_snapshot", "cases_visits"}
