"""Recompute the figures' roll-up (daily counts per area, day, category, kind) from the case rows."""

import time

from django.core.management.base import BaseCommand

from lianxin.cases.figures import rollups_rebuild
from lianxin.cases.models import Case


class Command(BaseCommand):
    help = (
        "Rebuild the figures' daily roll-up from the cases (after an import, a restructuring or a bulk load)."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        rows = rollups_rebuild()
        seconds = time.perf_counter() - started
        if options["verbosity"]:
            self.stdout.write(f"rolled up {Case.objects.count()} cases into {rows} rows in {seconds:.1f} s")
