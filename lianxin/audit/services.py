"""Writing audit records. One function, ``audit_record``; every other module calls it.

The chain is extended under a lock (an advisory lock on PostgreSQL; SQLite's IMMEDIATE transactions already
take the write lock), inside the caller's transaction: a change rolled back leaves no record, and a record
is never written for a change that did not happen.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from lianxin.audit.chain import GENESIS, digest
from lianxin.audit.context import audit_context
from lianxin.audit.models import AuditRecord
from lianxin.core.inserts import hot_execute, row_insert

_LOCK_KEY = 0x6C78_6175  # "lxau"


class _Encoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, FieldFile):  # a stored file is recorded by its name
            return o.name
        return super().default(o)


def _plain(value):
    """JSON-safe and stable across databases: dates, decimals and UUIDs as strings, files by name."""
    return json.loads(json.dumps(value, cls=_Encoder, ensure_ascii=False))


_LAST_HASH_SQL = f"SELECT hash FROM {AuditRecord._meta.db_table} ORDER BY id DESC LIMIT 1"  # noqa: S608  # nosec B608


def audit_record(
    *,
    action: str,
    actor=None,
    obj=None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    changes: dict | None = None,
    detail: dict | None = None,
    ip: str | None = None,
) -> AuditRecord:
    """Append one record to the chain. ``actor`` and ``ip`` default to the current request's.

    Guarantees: the record is chained to the last one (no two records share a predecessor); it is written in
    the caller's transaction; nothing personal is stored beyond what the caller passes (callers pass ids and
    redacted changes, never numbers).
    """
    context = audit_context()
    if actor is None:
        actor = context.user
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    fields = {
        "at": timezone.now(),
        "actor_id": actor.pk if actor is not None else None,
        "actor_name": actor.get_username() if actor is not None else "",
        "ip": ip if ip is not None else context.ip,
        "request_id": context.request_id,
        "action": action,
        "object_type": object_type,
        "object_id": str(object_id),
        "object_repr": str(object_repr)[:200],
        "changes": _plain(changes or {}),
        "detail": _plain(detail or {}),
    }
    # No savepoint of its own: inside the caller's transaction (a step) the record commits or rolls back
    # with what it records; alone, it is its own transaction.
    with transaction.atomic(savepoint=False):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])
        # Asked on every audited write: one probe of the primary key's end, without building an ORM query.
        row = hot_execute(_LAST_HASH_SQL, [], fetch="one")
        last = row[0] if row else None
        fields["prev_hash"] = last or GENESIS
        record = AuditRecord(**fields, hash=digest(fields))
        row_insert(record)
    return record


def audit_verify(*, using: str = "default", chunk: int = 2000) -> tuple[int, int | None, str]:
    """Check the whole chain; returns (records checked, first broken id or None, reason)."""
    from lianxin.audit.chain import CHAINED_FIELDS, chain_verify

    def rows():
        last_id = 0
        while True:
            batch = list(
                AuditRecord.objects.using(using)
                .filter(id__gt=last_id)
                .order_by("id")
                .values("id", "hash", *CHAINED_FIELDS)[:chunk]
            )
            if not batch:
                return
            yield from batch
            last_id = batch[-1]["id"]

    return chain_verify(rows())
