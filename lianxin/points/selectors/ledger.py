"""Reading the ledger: a balance is its account's last entry (one row by the (account, seq) index), a
page of the ledger one range of that index however deep."""

from collections.abc import Iterator

from django.db.models import QuerySet, Subquery

from lianxin.points.models import PointsAccount, PointsEntry


def account_of(person) -> PointsAccount | None:
    if person is None:
        return None
    return PointsAccount.objects.filter(person=person).first()


def balance_of(person) -> int:
    """The person's balance: his account's last entry, in one statement (the account by its unique person,
    then one row of the (account, seq) index; 0 without an account or entries)."""
    last = entries_of(person).values_list("balance_after", flat=True).first()
    return last or 0


def entries_of(person) -> QuerySet:
    """The person's entries, newest first by ``seq`` (unique per account: the lists' keyset). The account
    is found in the same statement, as a scalar subquery (its unique person): a page or the balance is then
    one range of the (account, seq) index, read backwards. Not a join: PostgreSQL's planner, which expects
    an account of average length, then reads the whole of a long account through the (account, key) index
    and sorts it (196 ms for the bench's 100,000 entries, against 0.05 ms)."""
    if person is None:
        return PointsEntry.objects.none()
    account = PointsAccount.objects.filter(person=person).values("pk")[:1]
    return PointsEntry.objects.filter(account_id=Subquery(account)).order_by("-seq")


def entries_page(person, *, before: int | None, limit: int) -> tuple[list[PointsEntry], int | None]:
    """One page of the person's ledger, newest first, starting below entry ``before``; and the ``seq`` to
    continue from, None on the last page."""
    rows = entries_of(person)
    if before is not None:
        rows = rows.filter(seq__lt=before)
    rows = list(rows[: limit + 1])
    items = rows[:limit]
    return items, (items[-1].seq if len(rows) > limit else None)


def ledger_problems() -> Iterator[tuple[int, str | None]]:
    """(account id, problem) for each break in an account's chain, then (account id, None) once the account
    is done: one pass over the entries in (account, seq) order, the index's order."""
    rows = PointsEntry.objects.order_by("account_id", "seq").values_list(
        "account_id", "seq", "amount", "balance_after"
    )
    current = None
    seq = balance = 0
    for account_id, entry_seq, amount, balance_after in rows.iterator(chunk_size=5000):
        if account_id != current:
            if current is not None:
                yield current, None
            current, seq, balance = account_id, 0, 0
        if entry_seq != seq + 1:
            yield account_id, f"entry {entry_seq} follows entry {seq}"
        expected = balance + amount
        if balance_after != expected:
            yield account_id, f"entry {entry_seq}: balance {balance_after}, expected {expected}"
        if balance_after < 0:
            yield account_id, f"entry {entry_seq}: balance below zero ({balance_after})"
        seq, balance = entry_seq, balance_after
    if current is not None:
        yield current, None
