"""The shop staff's side: the 核销 page confirms and counts, their tab and the codes waiting on the
workbench (a shop_staff post on a partner shop)."""

import re

import pytest

from lianxin.core.navigation import nav_for_user
from lianxin.points.models import Redemption, RedemptionState
from lianxin.points.services import reward_redeem
from lianxin.points.tests.conftest import client_for, pay

pytestmark = pytest.mark.django_db


def _nav_keys(user) -> set[str]:
    return {e["key"] for s in nav_for_user(user)["sections"] for e in s["items"]}


def test_the_shop_page_confirms_and_counts(resident, shop):
    pay(resident, 60, "wish:1", reason="孙女的书包")
    first = reward_redeem(resident, reward=shop.rice)
    reward_redeem(resident, reward=shop.rice)
    staff = client_for(shop.staff)
    page = staff.get("/points/shop/")
    assert page.status_code == 200
    assert first.code in page.content.decode()
    done = staff.post("/points/shop/confirm/", {"code": first.code.lower()}, follow=True)
    assert f"已核销 {first.code}" in done.content.decode()
    assert Redemption.objects.get(pk=first.pk).state == RedemptionState.CONFIRMED
    counts = re.findall(r'stat-value">(\d+)<', done.content.decode())
    assert counts == ["2", "1", "1", "0"]  # all, awaiting, confirmed, expired
    again = staff.post("/points/shop/confirm/", {"code": first.code})
    assert again.status_code == 409 and "该兑换码已核销" in again.content.decode()
    assert staff.post("/points/shop/confirm/", {"code": "ZZZZZZZZ"}).status_code == 404
    assert staff.post("/points/shop/confirm/", {"code": ""}).status_code == 400


def test_navigation_and_workbench(resident, shop):
    assert "points_home" in _nav_keys(resident) and "points_shop" not in _nav_keys(resident)
    assert "points_shop" in _nav_keys(shop.staff)
    client = client_for(resident)
    assert 'data-testid="workbench-points"' not in client.get("/").content.decode()
    pay(resident, 30, "wish:1", reason="孙女的书包")
    assert "30 分" in client.get("/").content.decode()
    reward_redeem(resident, reward=shop.rice)
    home = client_for(shop.staff).get("/").content.decode()
    assert "1 个兑换码待核销" in home
