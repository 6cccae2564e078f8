"""Reading the audit trail: only the audit administrator may (三员分立)."""

from datetime import datetime, time

from django.utils import timezone

from lianxin.audit.models import AuditRecord
from lianxin.core.rights import may


def user_is_auditor(user) -> bool:
    return may(user, "audit.read")


def audit_record_list(
    *, user, action: str = "", actor: str = "", object_type: str = "", since=None, until=None
):
    """Records matching the filters, newest first; nothing for anyone but the audit administrator."""
    if not user_is_auditor(user):
        return AuditRecord.objects.none()
    records = AuditRecord.objects.all()
    if action:
        records = records.filter(action=action)
    if actor:
        records = records.filter(actor_name=actor)
    if object_type:
        records = records.filter(object_type=object_type)
    tz = timezone.get_current_timezone()
    if since:
        records = records.filter(at__gte=datetime.combine(since, time.min, tzinfo=tz))
    if until:
        records = records.filter(at__lte=datetime.combine(until, time.max, tzinfo=tz))
    return records.order_by("-id")
