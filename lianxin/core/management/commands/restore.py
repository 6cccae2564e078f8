from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lianxin.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `backup` into an empty database, then check row counts and the audit chain."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument(
            "--database-url", help="Restore into this database instead of the configured one."
        )
        parser.add_argument("--force", action="store_true", help="Replace a database that is not empty.")

    def handle(self, *args, path, database_url=None, force=False, **options):
        try:
            result = backup_restore(path=Path(path), url=database_url, force=force)
        except BackupError as error:
            raise CommandError(f"恢复失败：{error}") from error
        tables, audit = result["tables"], result["audit_checked"]
        self.stdout.write(f"已恢复：{tables} 张表的行数与备份一致，审计记录链完整（{audit} 条）。")
