"""The points API: balance, ledger pages, rewards, redeeming (409s in Chinese), confirming at the shop."""

import pytest

from lianxin.points.models import PointsEntry, Redemption, Reward
from lianxin.points.tests.conftest import client_for, pay
from tests.api.helpers import assert_chinese, assert_error, walk

pytestmark = pytest.mark.django_db


def test_balance_and_ledger_pages(resident):
    for n in range(5):
        pay(resident, 10, f"wish:{n}")
    client = client_for(resident)
    assert client.get("/api/v1/points/balance").json() == {"balance": 50}
    first = client.get("/api/v1/points/entries", {"limit": 2}).json()
    assert [e["seq"] for e in first["items"]] == [5, 4]
    assert first["items"][0] | {"created_at": None} == {
        "seq": 5,
        "kind": "award",
        "kind_label": "奖励",
        "amount": 10,
        "balance_after": 50,
        "reason": "微心愿",
        "source_kind": "wish",
        "source_id": "",
        "created_at": None,
    }
    second = client.get("/api/v1/points/entries", {"limit": 2, "cursor": first["next_cursor"]}).json()
    assert [e["seq"] for e in second["items"]] == [3, 2]
    assert [e["seq"] for e in walk(client, "/api/v1/points/entries")] == [5, 4, 3, 2, 1]
    assert_error(client.get("/api/v1/points/entries", {"cursor": "bm9wZQ"}), 400, "bad_cursor")


def test_someone_else_has_none_of_my_points(resident, cast):
    pay(resident, 10, "wish:1")
    client = client_for(cast.volunteer)
    assert client.get("/api/v1/points/balance").json() == {"balance": 0}
    assert client.get("/api/v1/points/entries").json() == {"items": [], "next_cursor": None}


def test_redeem_then_confirm(resident, shop):
    pay(resident, 40, "wish:1")
    client = client_for(resident)
    rewards = client.get("/api/v1/rewards/").json()["items"]
    assert rewards == [
        {
            "id": shop.rice.pk,
            "name": "大米",
            "description": "",
            "points_price": 30,
            "stock": 3,
            "shop": "惠邻超市",
        }
    ]
    response = client.post(
        "/api/v1/redemptions/",
        {"reward": shop.rice.pk},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="redeem-1",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["points"], body["state"], body["state_label"]) == (30, "pending", "待核销")
    assert client.get("/api/v1/points/balance").json() == {"balance": 10}
    assert [r["code"] for r in client.get("/api/v1/redemptions/").json()["items"]] == [body["code"]]

    staff = client_for(shop.staff)
    assert [r["code"] for r in staff.get("/api/v1/redemptions/").json()["items"]] == [body["code"]]
    confirmed = staff.post(f"/api/v1/redemptions/{body['code'].lower()}/confirm")
    assert confirmed.status_code == 200, confirmed.content
    assert confirmed.json()["state"] == "confirmed"
    again = staff.post(f"/api/v1/redemptions/{body['code']}/confirm")
    assert assert_error(again, 409, "invalid_state")["message"] == "该兑换码已核销"


def test_the_same_idempotency_key_redeems_once(resident, shop):
    pay(resident, 100, "wish:1")
    client = client_for(resident)
    post = {"content_type": "application/json", "HTTP_IDEMPOTENCY_KEY": "same"}
    first = client.post("/api/v1/redemptions/", {"reward": shop.rice.pk}, **post)
    second = client.post("/api/v1/redemptions/", {"reward": shop.rice.pk}, **post)
    assert first.json()["code"] == second.json()["code"]
    assert Redemption.objects.count() == 1
    assert PointsEntry.objects.filter(kind="redeem").count() == 1


def test_409s_say_why_in_chinese(resident, cast, shop):
    pay(resident, 20, "wish:1")
    client = client_for(resident)
    refused = client.post("/api/v1/redemptions/", {"reward": shop.rice.pk}, content_type="application/json")
    assert assert_error(refused, 409, "invalid_state")["message"] == "积分不足"
    Reward.objects.filter(pk=shop.rice.pk).update(stock=0)
    pay(resident, 20, "wish:2")
    refused = client.post("/api/v1/redemptions/", {"reward": shop.rice.pk}, content_type="application/json")
    assert assert_error(refused, 409, "invalid_state")["message"] == "库存不足"
    assert client.get("/api/v1/points/balance").json() == {"balance": 40}


def test_what_the_caller_may_not_see_is_404(resident, cast, shop):
    pay(resident, 30, "wish:1")
    client = client_for(resident)
    Reward.objects.filter(pk=shop.rice.pk).update(active=False)
    gone = client.post("/api/v1/redemptions/", {"reward": shop.rice.pk}, content_type="application/json")
    assert_chinese(assert_error(gone, 404, "not_found")["message"])
    missing = client.post("/api/v1/redemptions/", {"reward": 999999}, content_type="application/json")
    assert_error(missing, 404, "not_found")
    # Not shop staff: 403, whatever the code.
    assert_error(
        client_for(cast.community_secretary).post("/api/v1/redemptions/ABCDEFGH/confirm"), 403, "forbidden"
    )
    # Shop staff, a code that is not their shop's: 404.
    assert_error(client_for(shop.staff).post("/api/v1/redemptions/ABCDEFGH/confirm"), 404, "not_found")
    bad = client.post("/api/v1/redemptions/", {"reward": "x"}, content_type="application/json")
    assert bad.status_code == 422
