"""The audit trail's part in every backup (lianxin.core.backup): the manifest records the chain's length and
last hash, and a restore is accepted only if the restored chain verifies and has that length."""

from lianxin.audit.models import AuditRecord
from lianxin.audit.services import audit_verify
from lianxin.core.backup import BackupCheck, BackupError


def audit_backup_head(alias: str) -> dict:
    records = AuditRecord.objects.using(alias)
    return {
        "count": records.count(),
        "last_hash": records.order_by("-id").values_list("hash", flat=True).first(),
    }


def audit_backup_verify(alias: str, recorded: dict) -> int:
    checked, broken, reason = audit_verify(using=alias)
    if broken is not None:
        raise BackupError(f"the restored audit chain is broken at record {broken}: {reason}")
    if checked != recorded["count"]:
        raise BackupError("the restored audit trail has a different length")
    return checked


AUDIT_BACKUP_CHECK = BackupCheck("audit", audit_backup_head, audit_backup_verify)
