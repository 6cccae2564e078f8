"""Redeeming for a shop's reward, confirming the code at the shop, and codes lapsing unused."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from lianxin.core.errors_domain import DomainError
from lianxin.points.models import EntryKind, PointsEntry, Redemption, RedemptionState, Reward
from lianxin.points.selectors import balance_of, redemptions_for
from lianxin.points.services import points_award, redemption_confirm, redemptions_expire, reward_redeem
from lianxin.points.services.rewards import CODE_ALPHABET, CODE_LENGTH, stock_take
from lianxin.points.tests.conftest import shop_make

pytestmark = pytest.mark.django_db


def _pay(user, amount, key="wish:1"):
    points_award(None, person=user.person, amount=amount, key=key, reason="微心愿", source_kind="wish")


def _refused(call, code="invalid_state"):
    with pytest.raises(DomainError) as refused:
        call()
    assert refused.value.code == code
    return refused.value.message


def test_redeem_spends_points_takes_one_and_issues_a_code(resident, shop):
    _pay(resident, 40)
    redemption = reward_redeem(resident, reward=shop.rice)
    shop.rice.refresh_from_db()
    assert (balance_of(resident.person), shop.rice.stock) == (10, 2)
    assert redemption.state == RedemptionState.PENDING
    assert len(redemption.code) == CODE_LENGTH and set(redemption.code) <= set(CODE_ALPHABET)
    assert redemption.entry.amount == -30 and redemption.entry.kind == EntryKind.REDEEM
    assert redemption.expires_at - redemption.created_at == timedelta(days=30)


def test_not_enough_points_writes_nothing(resident, shop):
    _pay(resident, 29)
    assert _refused(lambda: reward_redeem(resident, reward=shop.rice)) == "积分不足"
    shop.rice.refresh_from_db()
    assert (shop.rice.stock, Redemption.objects.count(), balance_of(resident.person)) == (3, 0, 29)


def test_the_last_one_goes_once(resident, cast, shop):
    Reward.objects.filter(pk=shop.rice.pk).update(stock=1)
    _pay(resident, 30)
    _pay(cast.volunteer, 30)
    reward_redeem(resident, reward=shop.rice)
    assert _refused(lambda: reward_redeem(cast.volunteer, reward=shop.rice)) == "库存不足"
    assert balance_of(cast.volunteer.person) == 30
    assert Reward.objects.get(pk=shop.rice.pk).stock == 0


def test_the_conditional_update_takes_only_what_is_left(shop):
    """The race's guard itself: two takes read the same stale row (stock 1); the second finds none left,
    as the loser of a race on PostgreSQL does when it re-reads the row after the winner's commit."""
    Reward.objects.filter(pk=shop.rice.pk).update(stock=1)
    stale = Reward.objects.get(pk=shop.rice.pk)
    assert stock_take(stale) is True
    assert stock_take(stale) is False
    assert Reward.objects.get(pk=shop.rice.pk).stock == 0


def test_a_retry_with_the_same_key_redeems_once(resident, shop):
    _pay(resident, 100)
    first = reward_redeem(resident, reward=shop.rice, key="k-1")
    again = reward_redeem(resident, reward=shop.rice, key="k-1")
    assert again.pk == first.pk
    assert balance_of(resident.person) == 70


def test_an_inactive_reward_is_not_offered(resident, shop):
    _pay(resident, 100)
    Reward.objects.filter(pk=shop.rice.pk).update(active=False)
    shop.rice.refresh_from_db()
    _refused(lambda: reward_redeem(resident, reward=shop.rice), code="not_found")


def test_shop_staff_confirm_once(resident, shop):
    _pay(resident, 30)
    redemption = reward_redeem(resident, reward=shop.rice)
    typed = f" {redemption.code[:4].lower()}-{redemption.code[4:]} "
    confirmed = redemption_confirm(shop.staff, code=typed)
    assert confirmed.state == RedemptionState.CONFIRMED
    assert confirmed.confirmed_by == shop.staff.person and confirmed.confirmed_at
    message = _refused(lambda: redemption_confirm(shop.staff, code=redemption.code))
    assert message == "该兑换码已核销"


def test_another_shop_and_others_cannot_confirm(resident, cast, shop):
    _pay(resident, 30)
    redemption = reward_redeem(resident, reward=shop.rice)
    _other, other_staff = shop_make("红帆便利店", "other_shop_staff")
    _refused(lambda: redemption_confirm(other_staff, code=redemption.code), code="not_found")
    _refused(lambda: redemption_confirm(cast.community_secretary, code=redemption.code), code="forbidden")
    _refused(lambda: redemption_confirm(resident, code=redemption.code), code="forbidden")
    assert Redemption.objects.get(pk=redemption.pk).state == RedemptionState.PENDING


def test_lists_by_reader(resident, cast, shop):
    _pay(resident, 30)
    redemption = reward_redeem(resident, reward=shop.rice)
    assert list(redemptions_for(resident)) == [redemption]
    assert list(redemptions_for(shop.staff)) == [redemption]
    assert list(redemptions_for(cast.volunteer)) == []


def test_a_code_lapses_after_its_days_and_everything_goes_back(resident, shop):
    _pay(resident, 30)
    redemption = reward_redeem(resident, reward=shop.rice)
    assert redemptions_expire(now=redemption.expires_at - timedelta(seconds=1)) == 0
    assert redemptions_expire(now=redemption.expires_at) == 1
    redemption.refresh_from_db()
    shop.rice.refresh_from_db()
    assert redemption.state == RedemptionState.EXPIRED
    assert (redemption.refund.kind, redemption.refund.amount) == (EntryKind.REFUND, 30)
    assert (balance_of(resident.person), shop.rice.stock) == (30, 3)
    assert redemptions_expire(now=redemption.expires_at + timedelta(days=1)) == 0
    assert _refused(lambda: redemption_confirm(shop.staff, code=redemption.code)) == "该兑换码已过期"


def test_a_confirmed_code_never_lapses(resident, shop):
    _pay(resident, 30)
    redemption = reward_redeem(resident, reward=shop.rice)
    redemption_confirm(shop.staff, code=redemption.code)
    assert redemptions_expire(now=timezone.now() + timedelta(days=60)) == 0
    assert balance_of(resident.person) == 0


def test_the_huey_task_lapses_codes(resident, shop, settings):
    from lianxin.points.tasks import redemptions_expire_task

    settings.LIANXIN_REDEMPTION_DAYS = 0
    _pay(resident, 30)
    reward_redeem(resident, reward=shop.rice)
    assert redemptions_expire_task.call_local() == 1
    assert balance_of(resident.person) == 30


def test_verify_points_passes_a_sound_ledger(resident, shop, capsys):
    _pay(resident, 30)
    reward_redeem(resident, reward=shop.rice)
    call_command("verify_points")
    assert "1 accounts checked, 0 problems" in capsys.readouterr().out


def test_verify_points_names_a_broken_chain_and_exits_1(resident, capsys):
    _pay(resident, 30)
    account_id = PointsEntry.objects.get().account_id
    # Written behind the services' back: a gap in the numbering and a balance that does not add up.
    PointsEntry.objects.create(
        account_id=account_id,
        seq=3,
        key="forged",
        kind=EntryKind.AWARD,
        amount=5,
        balance_after=50,
        reason="x",
    )
    with pytest.raises(SystemExit) as exit_:
        call_command("verify_points")
    assert exit_.value.code == 1
    out = capsys.readouterr().out
    assert f"account {account_id}: entry 3 follows entry 1" in out
    assert f"account {account_id}: entry 3: balance 50, expected 35" in out
