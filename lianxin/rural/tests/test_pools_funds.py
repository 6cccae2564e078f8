"""The fund pool (P002-07) and the allocation coops pays awards through: balance never below zero."""

from decimal import Decimal

import pytest

from lianxin.core.errors_domain import DomainError
from lianxin.rural.models import EntryKind, Fund, FundEntry
from lianxin.rural.services.pools import fund_allocate, fund_balance, fund_create, fund_inflow

pytestmark = pytest.mark.django_db


@pytest.fixture
def fund(world):
    return fund_create(None, area=world.county, name="测试专项资金", source_kinds=["finance"])


def test_inflow_then_allocation_keeps_the_balance(fund, world, cast):
    fund_inflow(cast.county_admin, fund=fund, amount="500000.00", source="巨川县财政局")
    entry = fund_allocate(
        cast.county_admin,
        fund=fund,
        amount=Decimal("300000.00"),
        purpose="合作社奖补",
        area=world.villages[0],
    )
    assert entry.kind == EntryKind.ALLOCATION
    assert entry.balance_after == Decimal("200000.00")
    assert fund_balance(fund) == Decimal("200000.00")


def test_over_the_balance_is_a_409_and_nothing_written(fund, cast):
    fund_inflow(None, fund=fund, amount="100.00", source="巨川县财政局")
    with pytest.raises(DomainError) as refused:
        fund_allocate(cast.county_admin, fund=fund, amount=Decimal("100.01"), purpose="x")
    assert refused.value.code == "invalid_state"
    assert refused.value.message == "资金余额不足"
    assert FundEntry.objects.filter(fund=fund, kind=EntryKind.ALLOCATION).count() == 0
    assert fund_balance(fund) == Decimal("100.00")


@pytest.mark.parametrize("amount", ["-5", "0", "abc", "1.001", "1e20"])
def test_bad_amounts_are_400(fund, cast, amount):
    fund_inflow(None, fund=fund, amount="100.00", source="巨川县财政局")
    with pytest.raises(DomainError) as refused:
        fund_allocate(cast.county_admin, fund=fund, amount=amount, purpose="x")
    assert refused.value.code == "invalid"


def test_a_township_secretary_may_not_allocate(fund, cast):
    fund_inflow(None, fund=fund, amount="100.00", source="巨川县财政局")
    with pytest.raises(DomainError) as refused:
        fund_allocate(cast.township_secretary, fund=fund, amount="1.00", purpose="x")
    assert refused.value.code == "forbidden"
    assert Fund.objects.restrict(cast.township_secretary).filter(pk=fund.pk).count() == 0
