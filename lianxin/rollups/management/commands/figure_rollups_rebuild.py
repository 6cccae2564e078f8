"""Recompute the generic roll-up of one registered figure, or of all of them, from their source rows."""

import time

from django.core.management.base import BaseCommand, CommandError

from lianxin.rollups.registry import figures_all
from lianxin.rollups.services import rollups_rebuild_figure


class Command(BaseCommand):
    help = (
        "Rebuild the daily sums of the registered figures (not cases: see rollups_rebuild) from their rows."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--key", action="append", help="a figure key (repeatable); every figure without it"
        )

    def handle(self, *args, **options):
        known = [figure.key for figure in figures_all()]
        keys = options["key"] or known
        unknown = sorted(set(keys) - set(known))
        if unknown:
            raise CommandError(
                f"unknown figure(s): {', '.join(unknown)}; registered: {', '.join(known) or '-'}"
            )
        for key in keys:
            started = time.perf_counter()
            rows = rollups_rebuild_figure(key=key)
            if options["verbosity"]:
                self.stdout.write(f"{key}: {rows} rows in {time.perf_counter() - started:.1f} s")
