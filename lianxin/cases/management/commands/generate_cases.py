import time

from django.core.management.base import BaseCommand

from lianxin.cases.generator import cases_generate


class Command(BaseCommand):
    help = "Generate realistic cases with their events over the demo county (for the demo and benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=10_000)
        parser.add_argument("--days", type=int, default=365, help="spread over this many days before now")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--batch", type=int, default=2000)

    def handle(self, *args, cases, days, seed, batch, **options):
        started = time.monotonic()

        def progress(done):
            rate = done / max(time.monotonic() - started, 1e-6)
            self.stdout.write(f"  {done:>9,} cases written ({rate:,.0f}/s)")

        written = cases_generate(count=cases, seed=seed, days=days, batch=batch, progress=progress)
        self.stdout.write(f"{written:,} cases generated in {time.monotonic() - started:.1f} s.")
