"""Write a large points ledger for the benchmark: by default 1,000,000 entries over 20,000 accounts, one of
them 100,000 long (bench/points.py pages it 100 pages deep)."""

import time

from django.core.management.base import BaseCommand

from lianxin.points.generator import points_generate


class Command(BaseCommand):
    help = "Generate a points ledger for the benchmark (new persons and accounts, sound chains)."

    def add_arguments(self, parser):
        parser.add_argument("--entries", type=int, default=1_000_000)
        parser.add_argument("--accounts", type=int, default=20_000)
        parser.add_argument("--big", type=int, default=100_000, help="entries of the one long account")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, entries, accounts, big, seed, **options):
        started = time.monotonic()

        def progress(done):
            if done % 100_000 == 0:
                self.stdout.write(f"  {done:>9,} entries ({done / (time.monotonic() - started):,.0f}/s)")

        written = points_generate(entries=entries, accounts=accounts, big=big, seed=seed, progress=progress)
        self.stdout.write(
            f"{written:,} entries over {accounts:,} accounts in {time.monotonic() - started:,.0f} s"
        )
