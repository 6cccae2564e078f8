from django.core.management.base import BaseCommand, CommandError

from lianxin.audit.services import audit_verify


class Command(BaseCommand):
    help = "Check the audit trail's hash chain; report the first broken record (exit status 1 if any)."

    def add_arguments(self, parser):
        parser.add_argument("--database", default="default")

    def handle(self, *args, database="default", **options):
        checked, broken, reason = audit_verify(using=database)
        if broken is not None:
            raise CommandError(f"审计记录链在第 {broken} 条处断开（已检查 {checked} 条）：{reason}")
        self.stdout.write(f"审计记录链完整：共 {checked} 条，每条与其哈希一致并链接到上一条。")
