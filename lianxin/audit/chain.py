"""The hash chain over audit records: SM3 (商用密码) or SHA-256, named in each hash ("sm3:…")."""

import datetime
import json

from cryptography.hazmat.primitives import hashes
from django.conf import settings

GENESIS = "genesis"
ALGORITHMS = {"sm3": hashes.SM3, "sha256": hashes.SHA256}
CHAINED_FIELDS = (
    "at", "actor_id", "actor_name", "ip", "request_id", "action", "object_type", "object_id",
    "object_repr", "changes", "detail", "prev_hash",
)  # fmt: skip


def canonical(fields: dict) -> bytes:
    """The bytes a record's hash covers: its chained fields as sorted, compact JSON (times in UTC)."""
    content = {name: fields[name] for name in CHAINED_FIELDS}
    at = content["at"]
    content["at"] = at.astimezone(datetime.UTC).isoformat(timespec="microseconds")
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def digest(fields: dict, algorithm: str | None = None) -> str:
    algorithm = algorithm or settings.AUDIT_HASH
    if algorithm not in ALGORITHMS:
        raise ValueError(f"AUDIT_HASH must be one of {', '.join(ALGORITHMS)}")
    h = hashes.Hash(ALGORITHMS[algorithm]())
    h.update(canonical(fields))
    return f"{algorithm}:{h.finalize().hex()}"


def chain_verify(records) -> tuple[int, int | None, str]:
    """Walk records (dicts of the chained fields plus ``id`` and ``hash``) in id order.

    Returns (records checked, id of the first broken record or None, why it is broken).
    """
    previous = GENESIS
    count = 0
    for record in records:
        count += 1
        if record["prev_hash"] != previous:
            return (
                count,
                record["id"],
                "prev_hash does not match the previous record (a row removed or inserted)",
            )
        algorithm = record["hash"].split(":", 1)[0]
        if algorithm not in ALGORITHMS or digest(record, algorithm) != record["hash"]:
            return count, record["id"], "content does not match its hash (the row was changed)"
        previous = record["hash"]
    return count, None, ""
