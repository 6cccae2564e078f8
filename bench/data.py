"""The benchmarks' data: the demo county and N generated cases in the bench database, made once and reused.

``make bench`` points DATABASE_URL at var/bench/bench.sqlite3 (or BENCH_DATABASE_URL); the first run builds
the demo county and generates BENCH_CASES cases (default 1,000,000) through the engine's reducer; later
runs top the count up only if it is short. Roll-ups are rebuilt after generation when the figures app
provides the command.
"""

import os
import time

from django.core.management import call_command, get_commands
from django.db import connection

DEFAULT_CASES = 1_000_000


def wanted_cases() -> int:
    return int(os.environ.get("BENCH_CASES", DEFAULT_CASES))


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
        print(f"Generating {want - have:,} cases (have {have:,}, want {want:,}) …", flush=True)
        started = time.monotonic()

        def progress(done):
            if done % 50_000 < 5_000:
                rate = done / max(time.monotonic() - started, 1e-6)
                print(f"  {done:>9,} ({rate:,.0f}/s)", flush=True)

        cases_generate(count=want - have, seed=have + 1, batch=5000, progress=progress)
        if "rollups_rebuild" in get_commands():
            call_command("rollups_rebuild", verbosity=0)
        if connection.vendor == "postgresql" or connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
    return {"cases": Case.objects.count(), "events": CaseEvent.objects.count()}
