from django.core.management.base import BaseCommand
from django.db import transaction

from lianxin.cases.engine import case_differences, case_rebuild
from lianxin.cases.models import Case


class Command(BaseCommand):
    help = (
        "Recompute case rows from their events (all cases, or those given); --check only reports differences."
    )

    def add_arguments(self, parser):
        parser.add_argument("case_ids", nargs="*", type=int)
        parser.add_argument(
            "--check", action="store_true", help="report cases whose row differs; change nothing"
        )

    def handle(self, *args, case_ids, check, **options):
        cases = Case.objects.order_by("pk")
        if case_ids:
            cases = cases.filter(pk__in=case_ids)
        differing = rebuilt = 0
        for case in cases.iterator(chunk_size=500):
            differences = case_differences(case)
            if not differences:
                continue
            differing += 1
            self.stdout.write(f"{case.number}: {', '.join(sorted(differences))}")
            if not check:
                with transaction.atomic():
                    case_rebuild(case, save=True)
                rebuilt += 1
        verb = "differ" if check else "rebuilt"
        self.stdout.write(f"{differing if check else rebuilt} case(s) {verb}.")
        if check and differing:
            raise SystemExit(1)
