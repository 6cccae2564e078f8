"""The resident's service pages on a 360 px phone (chromium): 服务 and 我的订单 fit the screen, and 孙桂兰
orders 爱心助餐 from 服务 by tapping through 下单 to her order list."""

import pytest

from lianxin.cases.models import Case
from lianxin.points.services import points_award
from tests.test_browser import browser  # noqa: F401 - the module's chromium, shared
from tests.test_browser_phone import PHONE, phone  # noqa: F401 - the phone fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _width(page) -> int:
    return page.evaluate("document.scrollingElement.scrollWidth")


def test_a_resident_orders_from_her_phone(phone, cast, listings):  # noqa: F811
    points_award(
        cast.community_secretary,
        person=cast.resident.person,
        amount=50,
        key="test:wish",
        reason="微心愿",
        source_kind="wish",
    )
    page = phone(cast.resident)
    page.goto("/provision/services/")
    assert _width(page) <= PHONE["width"]
    page.click('[data-testid="order-svc_meal_aid"]')
    page.wait_for_url("**/order/")
    page.wait_for_load_state("load")
    assert _width(page) <= PHONE["width"]
    page.fill('textarea[name="note"]', "少盐")
    page.click('[data-testid="place-order"]')
    page.wait_for_url("**/provision/orders/")
    page.wait_for_load_state("load")
    order = Case.objects.get()
    assert order.handler_organisation.name == "颐康长者食堂"
    assert page.locator(f'[data-testid="order-{order.pk}"]').is_visible()
    assert _width(page) <= PHONE["width"]
