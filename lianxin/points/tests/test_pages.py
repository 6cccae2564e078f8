"""The points pages: the resident's 积分 page (balance, ledger pages, rewards, codes) and the shop's 核销."""

import re

import pytest

from lianxin.points.models import Redemption
from lianxin.points.tests.conftest import client_for, pay
from lianxin.points.views.resident import LEDGER_PAGE

pytestmark = pytest.mark.django_db


def test_the_points_page_shows_balance_rewards_and_ledger(resident, shop):
    pay(resident, 40, "wish:1", reason="孙女的书包")
    page = client_for(resident).get("/points/")
    assert page.status_code == 200
    html = page.content.decode()
    assert re.search(r'data-testid="points-balance">\s*40\s*<', html)
    assert "大米" in html and "惠邻超市" in html and "30 分" in html and "剩余 3 件" in html
    assert "孙女的书包" in html and "+40" in html
    assert f'data-testid="redeem-{shop.rice.pk}"' in html


def test_the_ledger_pages_with_more(resident):
    for n in range(LEDGER_PAGE + 3):
        pay(resident, 1, f"wish:{n}", reason="孙女的书包")
    client = client_for(resident)
    first = client.get("/points/").content.decode()
    assert first.count('data-testid="points-entry"') == LEDGER_PAGE
    more = re.search(r'href="\?before=(\d+)"', first).group(1)
    assert more == "4"
    rest = client.get(f"/points/?before={more}", HTTP_HX_REQUEST="true").content.decode()
    assert rest.count('data-testid="points-entry"') == 3
    assert "ledger-more" not in rest and "<html" not in rest


def test_redeem_from_the_page_shows_the_code(resident, shop):
    pay(resident, 40, "wish:1", reason="孙女的书包")
    client = client_for(resident)
    response = client.post("/points/redeem/", {"reward": shop.rice.pk, "idempotency_key": "k1"}, follow=True)
    code = Redemption.objects.get().code
    html = response.content.decode()
    assert f"请到惠邻超市出示兑换码 {code}" in html
    assert re.search(r'data-testid="points-balance">\s*10\s*<', html)
    # A double tap: the same form again redeems nothing more.
    client.post("/points/redeem/", {"reward": shop.rice.pk, "idempotency_key": "k1"})
    assert Redemption.objects.count() == 1


def test_refusals_on_the_page(resident, shop):
    pay(resident, 20, "wish:1", reason="孙女的书包")
    client = client_for(resident)
    refused = client.post("/points/redeem/", {"reward": shop.rice.pk})
    assert refused.status_code == 409
    assert "积分不足" in refused.content.decode()
    assert client.post("/points/redeem/", {}).status_code == 400
    assert client.post("/points/redeem/", {"reward": "99999999"}).status_code == 404


def test_the_shop_page_is_for_shop_staff_only(resident, cast, shop):
    assert client_for(resident).get("/points/shop/").status_code == 403
    secretary = client_for(cast.community_secretary)
    assert secretary.post("/points/shop/confirm/", {"code": "X"}).status_code == 403


def test_the_ledger_export_agrees_with_the_page_and_the_api(resident, shop):
    """P002-61: earned 40, redeemed 大米 (30), the shop confirms: balance 10 on the page, in the API and in
    the export, whose rows are the ledger with the balance after each entry."""
    import io

    from openpyxl import load_workbook

    from lianxin.points.services import redemption_confirm

    pay(resident, 40, "wish:1", reason="孙女的书包")
    client = client_for(resident)
    client.post("/points/redeem/", {"reward": shop.rice.pk, "idempotency_key": "k1"})
    redemption_confirm(shop.staff, code=Redemption.objects.get().code)
    page = client.get("/points/").content.decode()
    assert re.search(r'data-testid="points-balance">\s*10\s*<', page) and "format=xlsx" in page
    assert client.get("/api/v1/points/balance").json()["balance"] == 10
    export = client.get("/points/?format=xlsx")
    book = load_workbook(io.BytesIO(export.content))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert [(r[3], r[4]) for r in rows[1:]] == [(40, 40), (-30, 10)]
    # The time as the page shows it (local, not UTC).
    from django.utils import timezone

    first = resident.person.points_account.entries.order_by("seq").first()
    assert rows[1][1] == timezone.localtime(first.created_at).replace(
        tzinfo=None, microsecond=rows[1][1].microsecond
    )
    notes = dict(r[:2] for r in book.worksheets[1].iter_rows(values_only=True))
    assert notes["我的积分"] == "10" and notes["获得积分"] == "40" and notes["使用积分"] == "30"
