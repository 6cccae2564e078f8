"""Redeeming points for a partner shop's reward, confirming the code at the shop, and lapsing codes not
used in time (``LIANXIN_REDEMPTION_DAYS``): their points and the reward go back."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.core.errors_domain import DomainError
from lianxin.points.models import EntryKind, PointsAccount, PointsEntry, Redemption, RedemptionState, Reward
from lianxin.points.services.ledger import account_lock, account_tail, entry_write, not_enough_points
from lianxin.points.shops import shop_ids

# No 0/O, 1/I/L: a code is read aloud and typed at a counter.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


def code_new() -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if not Redemption.objects.filter(code=code).exists():
            return code


def code_normalise(text: str) -> str:
    return "".join(ch for ch in (text or "").upper() if ch.isalnum())[: CODE_LENGTH * 2]


def stock_take(reward: Reward) -> bool:
    """Take one of the reward off the shelf, if one is left: a conditional UPDATE, so that of two people
    racing for the last one exactly one gets it (PostgreSQL re-reads the row after the winner commits;
    SQLite runs one writer at a time)."""
    return bool(Reward.objects.filter(pk=reward.pk, active=True, stock__gt=0).update(stock=F("stock") - 1))


def reward_redeem(actor, *, reward: Reward, key: str = "") -> Redemption:
    """Spend the reward's price from the actor's points, take one from its stock and issue a code to show
    at the shop. ``key`` (the client's Idempotency-Key) makes a retry return the first redemption."""
    person = actor.person
    if person is None:
        raise DomainError(_("Only a person with points can redeem."), code="forbidden")
    if not reward.active:
        raise DomainError(_("This reward is not on offer."), code="not_found")
    with transaction.atomic():
        account = account_lock(person)
        if key:
            first = PointsEntry.objects.filter(account=account, key=f"redeem:{key}").first()
            if first is not None:
                return Redemption.objects.get(entry=first)
        tail = account_tail(account)
        if tail.balance < reward.points_price:
            raise not_enough_points()
        if not stock_take(reward):
            raise DomainError(_("Out of stock."), code="invalid_state")
        code = code_new()
        entry = entry_write(
            actor,
            account=account,
            tail=tail,
            kind=EntryKind.REDEEM,
            amount=-reward.points_price,
            key=f"redeem:{key or code}"[:100],
            reason=reward.name,
            source_kind="redemption",
            source_id=code,
        )
        now = timezone.now()
        return Redemption.objects.create(
            account=account,
            reward=reward,
            code=code,
            points=reward.points_price,
            created_at=now,
            expires_at=now + timedelta(days=settings.LIANXIN_REDEMPTION_DAYS),
            entry=entry,
        )


def redemption_confirm(actor, *, code: str) -> Redemption:
    """The shop hands over the reward: its staff confirm the code once. A code of another shop is, to
    them, no code at all (404)."""
    shops = shop_ids(actor)
    if not shops:
        raise DomainError(_("Only partner shop staff confirm redemption codes."), code="forbidden")
    with transaction.atomic():
        redemption = (
            Redemption.objects.select_for_update(of=("self",))
            .select_related("reward")
            .filter(code=code_normalise(code), reward__shop_id__in=shops)
            .first()
        )
        if redemption is None:
            raise DomainError(_("No such redemption code at your shop."), code="not_found", field="code")
        if redemption.state == RedemptionState.CONFIRMED:
            raise DomainError(_("This redemption code has already been confirmed."), code="invalid_state")
        now = timezone.now()
        if redemption.state == RedemptionState.EXPIRED or redemption.expires_at <= now:
            raise DomainError(_("This redemption code has expired."), code="invalid_state")
        redemption.state = RedemptionState.CONFIRMED
        redemption.confirmed_by = actor.person
        redemption.confirmed_at = now
        redemption.save(update_fields=["state", "confirmed_by", "confirmed_at"])
        return redemption


def _expire_one(pk: int, now) -> bool:
    with transaction.atomic():
        redemption = (
            Redemption.objects.select_for_update(of=("self",))
            .select_related("reward")
            .filter(pk=pk, state=RedemptionState.PENDING, expires_at__lte=now)
            .first()
        )
        if redemption is None:  # confirmed meanwhile
            return False
        account = PointsAccount.objects.select_for_update().get(pk=redemption.account_id)
        refund = entry_write(
            None,
            account=account,
            tail=account_tail(account),
            kind=EntryKind.REFUND,
            amount=redemption.points,
            key=f"refund:{redemption.code}",
            reason=redemption.reward.name,
            source_kind="redemption",
            source_id=redemption.code,
        )
        Reward.objects.filter(pk=redemption.reward_id).update(stock=F("stock") + 1)
        redemption.state = RedemptionState.EXPIRED
        redemption.refund = refund
        redemption.save(update_fields=["state", "refund"])
        return True


def redemptions_expire(*, now=None) -> int:
    """Lapse every code past its day: points back to the resident, the reward back on the shelf. Each
    code in its own transaction, so one failure leaves the others done. Returns how many lapsed."""
    now = now or timezone.now()
    due = Redemption.objects.filter(state=RedemptionState.PENDING, expires_at__lte=now)
    return sum(_expire_one(pk, now) for pk in due.values_list("pk", flat=True).order_by("pk"))
