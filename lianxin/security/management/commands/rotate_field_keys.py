from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from lianxin.audit.models import Action
from lianxin.audit.services import audit_record
from lianxin.core import crypto
from lianxin.core.rotation import fields_rotate


class Command(BaseCommand):
    help = (
        "Re-seal personal data with the current key and cipher and recompute blind indexes (after changing "
        "FIELD_ENCRYPTION_KEY_VERSION, FIELD_CIPHER or BLIND_INDEX_HASH; see docs/operations.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Re-seal every value, current ones too.")

    def handle(self, *args, all=False, **options):  # noqa: A002
        with transaction.atomic():
            counts = fields_rotate(apps.get_model, only_stale=not all)
            audit_record(
                action=Action.OTHER,
                object_type="core.field_keys",
                object_repr="rotate_field_keys",
                detail={
                    "version": crypto.current_version(),
                    "cipher": crypto.current_cipher(),
                    "rows": counts,
                },
            )
        for name, count in counts.items():
            self.stdout.write(f"  {name}: {count}")
        version, cipher = crypto.current_version(), crypto.current_cipher()
        self.stdout.write(f"个人信息已用第 {version} 版密钥（{cipher}）重新加密，盲索引已重算。")
