"""Spending points on a service and refunding them: one entry per key, 积分不足 writes nothing, a spend is
refunded once."""

import pytest

from lianxin.core.errors_domain import DomainError
from lianxin.points.models import EntryKind, PointsEntry
from lianxin.points.selectors import balance_of, ledger_problems
from lianxin.points.services import points_refund, points_spend
from lianxin.points.tests.conftest import pay

pytestmark = pytest.mark.django_db


def _spend(user, amount, key="order:1"):
    return points_spend(
        None, person=user.person, amount=amount, key=key, reason="爱心助餐", source_kind="service_order"
    )


def test_a_spend_takes_points_once_per_key(resident):
    pay(resident, 30, "wish:1")
    spent = _spend(resident, 10)
    again = _spend(resident, 10)
    assert again.pk == spent.pk
    assert (spent.kind, spent.amount, spent.balance_after) == (EntryKind.REDEEM, -10, 20)
    assert balance_of(resident.person) == 20


def test_a_spend_beyond_the_balance_is_409_and_writes_nothing(resident):
    pay(resident, 5, "wish:1")
    with pytest.raises(DomainError) as refused:
        _spend(resident, 10)
    assert refused.value.code == "invalid_state"
    assert PointsEntry.objects.filter(kind=EntryKind.REDEEM).count() == 0
    assert balance_of(resident.person) == 5


@pytest.mark.parametrize("amount", [0, -3, True])
def test_a_spend_is_a_whole_number_above_zero(resident, amount):
    pay(resident, 5, "wish:1")
    with pytest.raises(DomainError):
        _spend(resident, amount)


def test_a_refund_gives_the_spend_back_once(resident):
    pay(resident, 30, "wish:1")
    spent = _spend(resident, 10)
    refund = points_refund(None, entry=spent, key="order-refund:1")
    assert points_refund(None, entry=spent, key="order-refund:1").pk == refund.pk
    assert (refund.kind, refund.amount, refund.reason) == (EntryKind.REFUND, 10, "爱心助餐")
    assert balance_of(resident.person) == 30
    assert all(problem is None for _account, problem in ledger_problems())


def test_only_a_spend_is_refunded(resident):
    award = pay(resident, 30, "wish:1")
    with pytest.raises(DomainError) as refused:
        points_refund(None, entry=award, key="refund:award")
    assert refused.value.code == "invalid_state"
