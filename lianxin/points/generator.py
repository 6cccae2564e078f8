"""A ledger for the benchmark (``manage.py generate_points``): many accounts, one of them very long, every
chain sound (``verify_points`` passes), written in bulk without the services (no roll-up: the entries
carry no place, as the generic roll-up's ``source`` reads them)."""

import random
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from lianxin.people.models import Person
from lianxin.points.models import EntryKind, PointsAccount, PointsEntry

NAME_PREFIX = "积分基准居民"
BATCH = 5000


def _lengths(entries: int, accounts: int, big: int) -> list[int]:
    """Entries per account: the first holds ``big`` (the long ledger, paged deep), the others the rest."""
    big = min(big, entries)
    rest, others = entries - big, max(accounts - 1, 0)
    if not others:
        return [entries]
    share, extra = divmod(rest, others)
    return [big] + [share + (1 if n < extra else 0) for n in range(others)]


def _chain(account_id: int, length: int, rng: random.Random, start) -> list[PointsEntry]:
    rows, balance = [], 0
    for seq in range(1, length + 1):
        # Mostly earning; now and then a 30-point redemption when the balance allows it.
        if seq % 7 == 0 and balance >= 30:
            kind, amount = EntryKind.REDEEM, -30
        else:
            kind, amount = EntryKind.AWARD, rng.randint(1, 40)
        balance += amount
        rows.append(
            PointsEntry(
                account_id=account_id,
                seq=seq,
                key=f"bench:{seq}",
                kind=kind,
                amount=amount,
                balance_after=balance,
                reason="基准",
                source_kind="bench" if kind == EntryKind.AWARD else "redemption",
                created_at=start,
            )
        )
    return rows


def points_generate(
    *, entries: int, accounts: int, big: int, seed: int = 1, progress: Callable[[int], None] | None = None
) -> int:
    """Write ``entries`` entries over ``accounts`` new accounts of new persons; returns entries written."""
    rng = random.Random(seed)  # noqa: S311  # nosec B311 - bench data, not secrets
    lengths = _lengths(entries, accounts, big)
    start = timezone.now()
    written = 0
    with transaction.atomic():
        offset = Person.objects.filter(name__startswith=NAME_PREFIX).count()
        persons = Person.objects.bulk_create(
            [Person(name=f"{NAME_PREFIX}{offset + n}") for n in range(len(lengths))], batch_size=BATCH
        )
        made = PointsAccount.objects.bulk_create(
            [PointsAccount(person=p, created_at=start) for p in persons], batch_size=BATCH
        )
    pending: list[PointsEntry] = []
    for account, length in zip(made, lengths, strict=True):
        pending += _chain(account.pk, length, rng, start)
        while len(pending) >= BATCH:
            chunk, pending = pending[:BATCH], pending[BATCH:]
            PointsEntry.objects.bulk_create(chunk)
            written += len(chunk)
            if progress:
                progress(written)
    if pending:
        PointsEntry.objects.bulk_create(pending)
        written += len(pending)
    return written
