import csv
from pathlib import Path

from django.core.management.base import BaseCommand

from lianxin.people.mydata import statistics_export_record, statistics_rows

FIELDS = [
    "pseudonym", "gender", "age_band", "community_code", "household_size", "household_tags", "person_tags",
    "party_member",
]  # fmt: skip


class Command(BaseCommand):
    help = (
        "Write the de-identified extract of persons for statistics (CSV): no names, numbers, birth dates or "
        "addresses; pseudonyms valid for this file only. See docs/security.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True)

    def handle(self, *args, output, **options):
        path = Path(output)
        count = 0
        with path.open("w", newline="", encoding="utf-8-sig") as handle:
            writer = csv.DictWriter(handle, fieldnames=FIELDS)
            writer.writeheader()
            for row in statistics_rows():
                writer.writerow(row)
                count += 1
        path.chmod(0o600)
        statistics_export_record(rows=count, path=str(path))
        self.stdout.write(f"已导出去标识化统计数据 {count} 行到 {path}。")
