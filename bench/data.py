"""The benchmarks' data: the demo county and N cases in the bench database, made once and reused.

``make bench`` points DATABASE_URL at var/bench/bench.sqlite3 (or BENCH_DATABASE_URL); the first run builds
the demo county, generates BENCH_STORIES case stories (default 100,000) through the engine's reducer, then
copies those stories, with new ids, until the table holds BENCH_CASES cases (default 1,000,000): ten
copies of 100,000 stories instead of a million — the generator writes a few hundred cases a second, an
hour for a million; the copy takes a minute. Each copy keeps its story's place, category, states, times
and trail (events and assignments with the new case id), so the distribution the queries meet is the
generated one. Later runs top the count up only if it is short. Roll-ups are rebuilt afterwards.
"""

import os
import time

from django.core.management import call_command, get_commands
from django.core.management.color import no_style
from django.db import connection, transaction

DEFAULT_CASES = 1_000_000
DEFAULT_STORIES = 100_000


def wanted_cases() -> int:
    return int(os.environ.get("BENCH_CASES", DEFAULT_CASES))


def wanted_stories() -> int:
    return int(os.environ.get("BENCH_STORIES", DEFAULT_STORIES))


def _copy_sql(model, *, shifted: dict[str, str], where: str) -> str:
    """INSERT … SELECT of every column of ``model``, with the columns in ``shifted`` replaced by the given
    expressions and the auto id left to the database unless ``shifted`` names it."""
    q = connection.ops.quote_name
    columns, values = [], []
    for field in model._meta.concrete_fields:
        if field.primary_key and field.column not in shifted:
            continue
        columns.append(q(field.column))
        values.append(shifted.get(field.column, q(field.column)))
    table = q(model._meta.db_table)
    # Our own table and column names and integer offsets only.
    return (
        f"INSERT INTO {table} ({', '.join(columns)}) "  # noqa: S608  # nosec B608
        f"SELECT {', '.join(values)} FROM {table} WHERE {where}"
    )


def cases_replicate(*, first: int, last: int, want: int) -> int:
    """Copy the cases first..last (ids), with their events and assignments, until ``want`` cases exist."""
    from lianxin.cases.models import Case, CaseAssignment, CaseEvent

    copied = 0
    while (have := Case.objects.count()) < want:
        top = Case.objects.order_by("-pk").values_list("pk", flat=True).first()
        offset = top - first + 1
        # The last copy may be partial: the first n stories of the source range.
        n = want - have
        cut = Case.objects.filter(pk__gte=first, pk__lte=last).order_by("pk").values_list("pk", flat=True)
        cut = cut[min(n, last - first + 1) - 1]
        shift = f"+ {int(offset)}"
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                _copy_sql(
                    Case,
                    shifted={
                        "id": f"id {shift}",
                        # Links to another case point at that case's copy.
                        "related_case_id": f"related_case_id {shift}",
                        "merged_into_id": f"merged_into_id {shift}",
                    },
                    where=f"id BETWEEN {int(first)} AND {int(cut)}",
                )
            )
            copied += cursor.rowcount
            cursor.execute(
                _copy_sql(
                    CaseEvent,
                    shifted={"case_id": f"case_id {shift}"},
                    where=f"case_id BETWEEN {int(first)} AND {int(cut)}",
                )
            )
            cursor.execute(
                _copy_sql(
                    CaseAssignment,
                    shifted={"case_id": f"case_id {shift}"},
                    where=f"case_id BETWEEN {int(first)} AND {int(cut)}",
                )
            )
        print(f"  copied stories {first:,}..{cut:,} as {first + offset:,}..{cut + offset:,}", flush=True)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [Case, CaseEvent, CaseAssignment]):
                cursor.execute(sql)
    return copied


def ensure_world_and_cases() -> dict:
    from lianxin.cases.generator import cases_generate
    from lianxin.cases.models import Case, CaseEvent
    from lianxin.demo.world import world_exists, world_load

    call_command("migrate", verbosity=0)
    if not world_exists():
        print("Building the demo county in the bench database …", flush=True)
        world_load()
    have, want = Case.objects.count(), wanted_cases()
    if have < want:
        stories = max(min(want, wanted_stories()) - have, 0) if have < wanted_stories() else 0
        started = time.monotonic()
        if stories:
            print(f"Generating {stories:,} case stories (have {have:,}) …", flush=True)

            def progress(done):
                if done % 50_000 < 5_000:
                    rate = done / max(time.monotonic() - started, 1e-6)
                    print(f"  {done:>9,} ({rate:,.0f}/s)", flush=True)

            cases_generate(count=stories, seed=have + 1, batch=5000, progress=progress)
        first = Case.objects.order_by("pk").values_list("pk", flat=True).first()
        last = Case.objects.order_by("-pk").values_list("pk", flat=True).first()
        if Case.objects.count() < want:
            print(f"Copying the stories up to {want:,} cases …", flush=True)
            cases_replicate(first=first, last=last, want=want)
        print(f"  data ready in {time.monotonic() - started:,.0f} s", flush=True)
        if "rollups_rebuild" in get_commands():
            call_command("rollups_rebuild", verbosity=0)
        with connection.cursor() as cursor:
            # A database that has been running is vacuumed (autovacuum) and analysed: a freshly bulk-loaded
            # one is neither, and PostgreSQL's index-only scans would visit the heap for every row.
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return {"cases": Case.objects.count(), "events": CaseEvent.objects.count()}
