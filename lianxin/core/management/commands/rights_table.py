"""Print the rights table: every registered capability, what it lets one do, the scope it asks of an
object and the roles granted it (docs/rights.md)."""

from django.core.management.base import BaseCommand
from django.utils import translation

from lianxin.core.rights import capabilities


class Command(BaseCommand):
    help = "List every capability of the rights table with the roles granted it."

    def handle(self, *args, **options):
        with translation.override("zh-hans"):
            for cap in capabilities():
                roles = ", ".join(sorted(cap.roles))
                self.stdout.write(f"{cap.name}\t{cap.label}\t{cap.action}\t{roles}")
