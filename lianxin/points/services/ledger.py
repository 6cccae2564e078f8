"""Writing the ledger. Every entry is written with its account row locked, so the entries of one account
are a chain: seq 1, 2, 3 …, each ``balance_after`` the previous one plus its amount, never below zero (the
database's check refuses what this code would miss).

Who may award or correct is the paying app's rule (a wish confirmed by its resident, a project accepted by
its issuer): it checks, then calls these functions inside its own transaction.
"""

from dataclasses import dataclass
from functools import cache

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.core.errors_domain import DomainError
from lianxin.core.inserts import hot_execute, row_insert
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
    # The account exists but at a person's first entry: one locking read finds and locks it, a prepared
    # statement (the ORM's compiles each time, more than the read costs). Its ``created_at`` is deferred.
    row = hot_execute(_account_lock_sql(connection.features.has_select_for_update), [person.pk], fetch="one")
    if row is not None:
        return PointsAccount.from_db(connection.alias, ["id", "person_id"], row)
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


@cache
def _account_lock_sql(for_update: bool) -> str:
    q = connection.ops.quote_name
    table, pk, person = q(PointsAccount._meta.db_table), q("id"), q("person_id")
    # Our own table and column names only; the person is a parameter.
    sql = f"SELECT {pk}, {person} FROM {table} WHERE {person} = %s"  # noqa: S608  # nosec B608
    return sql + (" FOR UPDATE" if for_update else "")


@cache
def _key_or_tail_sql() -> str:
    q = connection.ops.quote_name
    table, account, seq, key, balance = (
        q(name) for name in (PointsEntry._meta.db_table, "account_id", "seq", "key", "balance_after")
    )
    # Our own table and column names only; every value is a parameter. Each arm of the OR is one row of a
    # unique index: (account, key) and (account, seq).
    return (
        f"SELECT {seq}, {balance}, CASE WHEN {key} = %s THEN 1 ELSE 0 END AS hit "  # noqa: S608  # nosec B608
        f"FROM {table} WHERE {account} = %s AND ({key} = %s OR {seq} = "
        f"(SELECT MAX({seq}) FROM {table} WHERE {account} = %s)) ORDER BY hit DESC LIMIT 1"
    )


def key_or_tail(account: PointsAccount, key: str) -> PointsEntry | Tail:
    """The entry already written under ``key`` on the account, if any, else the account's tail: what
    ``entry_once`` asks before writing, in one statement (the two ORM queries it replaces cost more to
    compile than the database takes to answer them, on every paid service order)."""
    row = hot_execute(_key_or_tail_sql(), [key, account.pk, key, account.pk], fetch="one")
    if row is None:
        return Tail(0, 0)
    if row[2]:
        return PointsEntry.objects.get(account=account, key=key)
    return Tail(row[0], row[1])


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
    # One prepared INSERT (lianxin.core.inserts): the entry's save() only refuses changes, and no receiver
    # listens to its rows (they are not audit-registered).
    entry = PointsEntry(
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
    row_insert(entry)
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
        found = key_or_tail(account, key)
        if isinstance(found, PointsEntry):
            return found
        return entry_write(actor, account=account, tail=found, key=key, **fields)


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
