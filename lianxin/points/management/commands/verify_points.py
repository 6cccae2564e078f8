"""Check every points account's chain: entries numbered 1, 2, 3 … without a gap, each balance the
previous one plus its amount, never below zero. Prints each problem; exits 1 if there is any."""

import sys

from django.core.management.base import BaseCommand

from lianxin.points.selectors import ledger_problems


class Command(BaseCommand):
    help = "Check that every points account's entries add up (exit code 1 on any problem)."

    def handle(self, *args, **options):
        problems = 0
        accounts = 0
        for account_id, problem in ledger_problems():
            if problem is None:
                accounts += 1
                continue
            problems += 1
            self.stdout.write(f"account {account_id}: {problem}")
        self.stdout.write(f"{accounts} accounts checked, {problems} problems")
        if problems:
            sys.exit(1)
