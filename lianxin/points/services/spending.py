"""Spending points on something other than a reward (a service paid in points, P002-61) and giving them
back when it is not delivered. The paying app decides when; these functions write the ledger: the account
row locked, the chain whole, the balance never below zero (409 积分不足), each key once per account.
"""

from django.utils.translation import gettext as _

from lianxin.core.errors_domain import DomainError
from lianxin.points.models import EntryKind, PointsEntry
from lianxin.points.services.ledger import MAX_AMOUNT, entry_once, key_check


def points_spend(
    actor, *, person, amount: int, key: str, reason: str, source_kind: str, source_id: str | int = ""
) -> PointsEntry:
    """Take ``amount`` points from ``person`` (a redemption entry of ``-amount``). The same ``key`` on the
    same account again returns the first entry and writes nothing. Refused with 积分不足 (409) when the
    balance is short."""
    key = key_check(key)
    if isinstance(amount, bool) or not isinstance(amount, int) or not 0 < amount <= MAX_AMOUNT:
        raise DomainError(_("Points spent are a whole number above zero."), field="amount")
    if not source_kind or not reason:
        raise DomainError(_("Say what the points are paid for."), field="reason")
    return entry_once(
        actor,
        person=person,
        kind=EntryKind.REDEEM,
        amount=-amount,
        key=key,
        reason=reason,
        source_kind=source_kind[:30],
        source_id=str(source_id)[:40],
    )


def points_refund(actor, *, entry: PointsEntry, key: str) -> PointsEntry:
    """Give back what a spend took (a refund entry of the opposite amount, same reason and source). A spend
    is refunded once: the same ``key`` again returns the first refund."""
    key = key_check(key)
    if entry.kind != EntryKind.REDEEM or entry.amount >= 0:
        raise DomainError(_("Only spent points can be refunded."), code="invalid_state")
    return entry_once(
        actor,
        person=entry.account.person,
        kind=EntryKind.REFUND,
        amount=-entry.amount,
        key=key,
        reason=entry.reason,
        source_kind=entry.source_kind,
        source_id=entry.source_id,
    )
