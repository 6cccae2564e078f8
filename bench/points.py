"""The points ledger (bench data from ``manage.py generate_points``: BENCH_POINTS_ENTRIES entries, default
1,000,000, over BENCH_POINTS_ACCOUNTS accounts, default 20,000, one of them BENCH_POINTS_BIG long, default
100,000).

- ``points_balance_p95_ms``: the long account's balance as the app reads it (its last entry, one row of the
  (account, seq) index), against ``points_balance_sum_p95_ms``, the same balance summed over its entries;
- ``points_ledger_page_p95_ms``: GET /api/v1/points/entries for the long account's owner, 50 rows, pages 1
  and 100 in turn (keyset: page 100 is one range of the index, like page 1), through the whole Django
  stack, against ``points_ledger_page_empty_p95_ms``, the same call for a person with no entries.
"""

import os

from django.db import connection
from django.db.models import Count, Max, Sum
from django.test import Client

from bench.common import print_table, record, signed_in, time_calls
from lianxin.core.api_pagination import cursor_encode
from lianxin.people.models import Person, User
from lianxin.points.generator import NAME_PREFIX, points_generate
from lianxin.points.models import PointsAccount, PointsEntry
from lianxin.points.selectors import balance_of

RUNS = 200
PAGE = 50
DEEP_PAGE = 100


def _wanted() -> tuple[int, int, int]:
    entries = int(os.environ.get("BENCH_POINTS_ENTRIES", 1_000_000))
    accounts = int(os.environ.get("BENCH_POINTS_ACCOUNTS", 20_000))
    big = int(os.environ.get("BENCH_POINTS_BIG", 100_000))
    return entries, accounts, min(big, entries)


def _ensure_ledger() -> None:
    entries, accounts, big = _wanted()
    have = PointsEntry.objects.filter(account__person__name__startswith=NAME_PREFIX).count()
    if have >= entries:
        return
    print(f"Generating {entries:,} points entries over {accounts:,} accounts …", flush=True)
    points_generate(
        entries=entries,
        accounts=accounts,
        big=big,
        progress=lambda done: done % 200_000 == 0 and print(f"  {done:>9,}", flush=True),
    )
    with connection.cursor() as cursor:
        # Fresh bulk-written rows have no planner statistics; a running database has (autovacuum, ANALYZE).
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def _user(person: Person, username: str) -> User:
    user = User.objects.filter(username=username).first()
    return user or User.objects.create(username=username, person=person)


def run(data_size: dict) -> None:
    _ensure_ledger()
    longest = (
        PointsAccount.objects.filter(person__name__startswith=NAME_PREFIX)
        .annotate(n=Count("entries"))
        .order_by("-n")
        .first()
    )
    owner = _user(longest.person, "bench_points_owner")
    empty = User.objects.filter(username="bench_points_empty").first() or _user(
        Person.objects.create(name="积分基准空账户"), "bench_points_empty"
    )
    last_seq = longest.entries.aggregate(m=Max("seq"))["m"]

    balance = time_calls(lambda: balance_of(longest.person), runs=RUNS)
    summed = time_calls(
        lambda: PointsEntry.objects.filter(account=longest).aggregate(s=Sum("amount"))["s"], runs=RUNS
    )
    if (
        balance_of(longest.person)
        != PointsEntry.objects.filter(account=longest).aggregate(s=Sum("amount"))["s"]
    ):
        raise RuntimeError("the balance is not the sum of the entries")

    client, baseline_client = Client(), Client()
    signed_in(client, owner)
    signed_in(baseline_client, empty)
    deep = cursor_encode("-seq", max(last_seq - (DEEP_PAGE - 1) * PAGE + 1, 1))
    urls = [f"/api/v1/points/entries?limit={PAGE}", f"/api/v1/points/entries?limit={PAGE}&cursor={deep}"]
    for url in urls:
        response = client.get(url)
        if response.status_code != 200 or len(response.json()["items"]) != min(PAGE, last_seq):
            raise RuntimeError(f"the ledger page did not answer: {url} {response.status_code}")
    turn = iter(range(10**9))
    page = time_calls(lambda: client.get(urls[next(turn) % 2]), runs=RUNS)
    empty_page = time_calls(lambda: baseline_client.get(urls[0]), runs=RUNS)

    size = {
        **data_size,
        "points_entries": PointsEntry.objects.count(),
        "points_accounts": PointsAccount.objects.count(),
        "longest_account": last_seq,
        "requests": RUNS,
    }
    rows = [
        record(
            name="points_balance_p95_ms",
            value=balance.p95,
            unit="ms",
            baseline_name="points_balance_sum_p95_ms",
            baseline_value=summed.p95,
            data_size=size,
        ),
        record(
            name="points_balance_sum_p95_ms",
            value=summed.p95,
            unit="ms",
            baseline_name="points_balance_p95_ms",
            baseline_value=balance.p95,
            data_size=size,
        ),
        record(
            name="points_ledger_page_p95_ms",
            value=page.p95,
            unit="ms",
            baseline_name="points_ledger_page_empty_p95_ms",
            baseline_value=empty_page.p95,
            data_size=size,
        ),
        record(
            name="points_ledger_page_empty_p95_ms",
            value=empty_page.p95,
            unit="ms",
            baseline_name="points_ledger_page_p95_ms",
            baseline_value=page.p95,
            data_size=size,
        ),
    ]
    print_table(
        f"Points ({size['points_entries']:,} entries, {size['points_accounts']:,} accounts, "
        f"longest {last_seq:,})",
        rows,
    )
