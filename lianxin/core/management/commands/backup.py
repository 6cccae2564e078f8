from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from lianxin.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Back up the whole database (SQLite online backup or pg_dump) with a manifest of row counts."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="File to write (default var/backups/lianxin-<time>.<ext>).")

    def handle(self, *args, output=None, **options):
        from django.db import connection

        ext = "sqlite3" if connection.vendor == "sqlite" else "pgdump"
        path = (
            Path(output)
            if output
            else settings.VAR_DIR / "backups" / f"lianxin-{timezone.now():%Y%m%d-%H%M%S}.{ext}"
        )
        try:
            manifest = backup_create(path=path)
        except BackupError as error:
            raise CommandError(f"备份失败：{error}") from error
        rows = sum(manifest["tables"].values())
        tables, audit = len(manifest["tables"]), manifest["audit"]["count"]
        self.stdout.write(f"已备份到 {path}（{tables} 张表，{rows} 行，审计记录 {audit} 条）。")
        self.stdout.write(f"清单：{path}.json。个人信息在备份中仍是密文；字段密钥不在备份里，请另行保管。")
