"""Paying for a service in points (lianxin/provision/payment.py): an order of a priced item spends the
price from the resident's points in the report's transaction; 积分不足 refuses the order and writes nothing;
rejecting or merging the order gives the points back once; a served order keeps them."""

import pytest

from lianxin.cases import services as case_services
from lianxin.cases.models import Case, CaseEvent, State
from lianxin.core.errors_domain import DomainError
from lianxin.points.models import EntryKind, PointsEntry
from lianxin.points.selectors import balance_of
from lianxin.points.services import points_award
from lianxin.provision.seeds import catalogue_ensure
from lianxin.tokens.services import token_create
from tests.api.helpers import assert_chinese, assert_error

pytestmark = pytest.mark.django_db

MEAL = "svc_meal_aid"  # 爱心助餐, 10 points in the default catalogue


@pytest.fixture
def items(world):
    catalogue_ensure()
    from lianxin.provision.models import ServiceItem

    return {i.category.code: i for i in ServiceItem.objects.select_related("category")}


def _give(cast, points: int):
    points_award(
        cast.community_secretary,
        person=cast.resident.person,
        amount=points,
        key="test:wish",
        reason="微心愿",
        source_kind="wish",
    )


def _order(cast, places, item):
    # No provider is listed in this world: the order waits in the community's queue (reported).
    return case_services.case_report(
        cast.resident, category=item.category, area=places.building, description="每天中午送一份午餐"
    )


def test_an_order_of_a_priced_item_spends_its_points(cast, places, items, clock):
    _give(cast, 30)
    order = _order(cast, places, items[MEAL])
    price = items[MEAL].points_price
    assert price > 0
    paid = PointsEntry.objects.get(key=f"order:{order.pk}")
    assert paid.kind == EntryKind.REDEEM and paid.amount == -price and paid.source_id == str(order.pk)
    assert balance_of(cast.resident.person) == 30 - price


def test_without_enough_points_the_order_is_refused_and_nothing_is_written(cast, places, items, clock):
    with pytest.raises(DomainError) as refused:
        _order(cast, places, items[MEAL])
    assert refused.value.code == "invalid_state"
    assert not Case.objects.exists() and not CaseEvent.objects.exists()
    assert not PointsEntry.objects.exists()


def test_a_free_item_spends_nothing(cast, places, items, clock):
    free = next(i for i in items.values() if i.points_price == 0)
    case_services.case_report(cast.resident, category=free.category, area=places.building, description="咨询")
    assert not PointsEntry.objects.exists()


def test_the_api_answers_409_in_chinese_and_writes_nothing(cast, places, items, clock):
    from django.test import Client

    _token, secret = token_create(actor=cast.resident, name="tests")
    answer = Client(HTTP_AUTHORIZATION=f"Bearer {secret}").post(
        "/api/v1/cases/",
        {"category": items[MEAL].category.pk, "area": places.building.pk, "description": "午餐"},
        content_type="application/json",
    )
    error = assert_error(answer, 409, "invalid_state")
    assert_chinese(error["message"])
    assert not Case.objects.exists()


def test_rejecting_the_order_gives_the_points_back_once(cast, places, items, clock):
    _give(cast, 30)
    order = _order(cast, places, items[MEAL])
    case_services.case_reject(cast.community_secretary, case=order, reason="本小区暂无助餐服务")
    order.refresh_from_db()
    assert order.state == State.REJECTED
    refund = PointsEntry.objects.get(key=f"order-refund:{order.pk}")
    assert refund.kind == EntryKind.REFUND and refund.amount == items[MEAL].points_price
    assert balance_of(cast.resident.person) == 30


def test_a_merged_duplicate_gives_its_points_back_and_the_other_keeps_them(cast, places, items, clock):
    _give(cast, 30)
    first = _order(cast, places, items[MEAL])
    again = _order(cast, places, items[MEAL])
    assert balance_of(cast.resident.person) == 30 - 2 * items[MEAL].points_price
    case_services.case_merge(cast.community_secretary, case=again, into=first)
    assert balance_of(cast.resident.person) == 30 - items[MEAL].points_price
    assert not PointsEntry.objects.filter(key=f"order-refund:{first.pk}").exists()


def test_a_staff_member_s_own_order_spends_nobody_s_points(cast, places, items, clock):
    order = case_services.case_report(
        cast.community_secretary, category=items[MEAL].category, area=places.building, description="午餐"
    )
    assert order.reporter_group != "resident"
    assert not PointsEntry.objects.exists()


def test_an_order_on_a_resident_s_behalf_spends_his_points(cast, places, items, clock):
    _give(cast, 30)
    order = case_services.case_report(
        cast.community_secretary,
        category=items[MEAL].category,
        area=places.building,
        description="代居民点单：午餐",
        on_behalf_of=cast.resident.person,
    )
    assert PointsEntry.objects.get(key=f"order:{order.pk}").account.person == cast.resident.person
    assert balance_of(cast.resident.person) == 30 - items[MEAL].points_price
