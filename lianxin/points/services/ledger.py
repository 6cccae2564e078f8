"""Writing the ledger. Every entry is written with its account row locked, so the entries of one account
are a chain: seq 1, 2, 3 …, each ``balance_after`` the previous one plus its amount, never below zero (the
database's check refuses what this code would miss).

Who may award or correct is the paying app's rule (a wish confirmed by its resident, a project accepted by
its issuer): it checks, then calls these functions inside its own transaction.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.core.errors_domain import DomainError
from lianxin.points.models import EntryKind, PointsAccount, PointsEntry
from lianxin.rollups.services import rollup_add

AWARDED = "points.awarded"  # the roll-up figure (lianxin.points.figures)
MAX_AMOUNT = 1_000_000


@dataclass(frozen=True)
class Tail:
    """An account's last entry, as the next one needs it."""

    seq: int
    balance: int


def account_lock(person) -> PointsAccount:
    """The person's account, made on first use, its row locked until the transaction ends: the one
    writer of its chain."""
    account, _created = PointsAccount.objects.get_or_create(person=person)
    return PointsAccount.objects.select_for_update().get(pk=account.pk)


def account_tail(account: PointsAccount) -> Tail:
    last = (
        PointsEntry.objects.filter(account=account)
        .order_by("-seq")
        .values_list("seq", "balance_after")
        .first()
    )
    return Tail(*last) if last else Tail(0, 0)


def not_enough_points() -> DomainError:
    return DomainError(_("Not enough points."), code="invalid_state")


def entry_write(
    actor, *, account: PointsAccount, tail: Tail, kind: str, amount: int, key: str, reason: str,
    source_kind: str = "", source_id: str = "", reverses: PointsEntry | None = None, area_path: str = "",
) -> PointsEntry:  # fmt: skip
    """Append one entry to a locked account. Awards and their reversals move the roll-up of points
    awarded in the same transaction."""
    balance = tail.balance + amount
    if balance < 0:
        raise not_enough_points()
    entry = PointsEntry.objects.create(
        account=account,
        seq=tail.seq + 1,
        key=key,
        kind=kind,
        amount=amount,
        balance_after=balance,
        reason=reason[:200],
        source_kind=source_kind,
        source_id=source_id,
        reverses=reverses,
        area_path=area_path,
        actor=actor if getattr(actor, "pk", None) else None,
    )
    if kind in (EntryKind.AWARD, EntryKind.REVERSAL) and area_path:
        rollup_add(
            key=AWARDED,
            area_path=area_path,
            day=timezone.localdate(entry.created_at),
            value=amount,
            dims={"source": source_kind},
            count=1 if kind == EntryKind.AWARD else -1,
        )
    return entry


def key_check(key: str) -> str:
    key = (key or "").strip()
    if not key or len(key) > 100:
        raise DomainError(_("Give each points entry a key of at most 100 characters."), field="key")
    return key


def points_award(
    actor, *, person, amount: int, key: str, reason: str, source_kind: str, source_id: str | int = ""
) -> PointsEntry:
    """Pay ``amount`` points to ``person``. ``key`` names the payment (``"wish:123"``): the same key on
    the same account again returns the first entry and writes nothing, so a retried confirmation never
    pays twice."""
    key = key_check(key)
    if isinstance(amount, bool) or not isinstance(amount, int) or not 0 < amount <= MAX_AMOUNT:
        raise DomainError(_("Points awarded are a whole number above zero."), field="amount")
    if not source_kind or not reason:
        raise DomainError(_("Say what the points are paid for."), field="reason")
    return entry_once(
        actor,
        person=person,
        kind=EntryKind.AWARD,
        amount=amount,
        key=key,
        reason=reason,
        source_kind=source_kind[:30],
        source_id=str(source_id)[:40],
        area_path=person.area_path,
    )


def entry_once(actor, *, person, key: str, **fields) -> PointsEntry:
    """Write one entry on ``person``'s account under ``key``, the account row locked; the same key on the
    account again returns the first entry and writes nothing (awards, spends and refunds alike)."""
    with transaction.atomic():
        account = account_lock(person)
        first = PointsEntry.objects.filter(account=account, key=key).first()
        if first is not None:
            return first
        return entry_write(actor, account=account, tail=account_tail(account), key=key, **fields)


def points_reverse(actor, *, entry: PointsEntry, reason: str, key: str = "") -> PointsEntry:
    """Correct an award by a reversal entry of the opposite amount (the award itself stays, as every entry
    does). An award is reversed once; reversing again returns the first reversal. Refused with 积分不足
    when the points have been spent."""
    if not reason:
        raise DomainError(_("Say why the points are taken back."), field="reason")
    with transaction.atomic():
        account = PointsAccount.objects.select_for_update().get(pk=entry.account_id)
        entry = PointsEntry.objects.get(pk=entry.pk)
        if entry.kind != EntryKind.AWARD:
            raise DomainError(_("Only awarded points can be taken back."), code="invalid_state")
        done = PointsEntry.objects.filter(reverses=entry).first()
        if done is not None:
            return done
        return entry_write(
            actor,
            account=account,
            tail=account_tail(account),
            kind=EntryKind.REVERSAL,
            amount=-entry.amount,
            key=key_check(key or f"reversal:{entry.pk}"),
            reason=reason,
            source_kind=entry.source_kind,
            source_id=entry.source_id,
            reverses=entry,
            area_path=entry.area_path,
        )
