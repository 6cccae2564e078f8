"""Re-sealing personal data with the current key and cipher, and recomputing blind indexes.

Used by ``manage.py rotate_field_keys`` (after FIELD_ENCRYPTION_KEY_VERSION, FIELD_CIPHER or
BLIND_INDEX_HASH changes) and by the migrations that introduced SM4-GCM and HMAC-SM3. Rows are rewritten
with ``bulk_update`` (no signals: one audit record for the whole run, written by the command).
"""

from django.db import connection

from lianxin.core import crypto

# (app label, model, encrypted field, blind-index field or None, blind-index purpose)
ENCRYPTED_FIELDS = [
    ("people", "Person", "mobile", "mobile_index", "person.mobile"),
    ("people", "Person", "id_number", "id_number_index", "person.id_number"),
    ("people", "Person", "note", None, None),
    ("areas", "Household", "note", None, None),
    ("party", "Membership", "work_place", None, None),
    ("imports", "ImportBatch", "rows_data", None, None),
    ("people", "CorrectionRequest", "correction", None, None),
    ("core", "IdempotentAnswer", "body", None, None),
]


def _raw_tokens(model, field: str):
    table = connection.ops.quote_name(model._meta.db_table)
    column = connection.ops.quote_name(model._meta.get_field(field).column)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, {column} FROM {table} WHERE {column} <> ''")  # noqa: S608 - our own names  # nosec B608
        return cursor.fetchall()


def fields_rotate(get_model, *, batch: int = 1000, only_stale: bool = True) -> dict[str, int]:
    """Re-seal every encrypted value not sealed with the current key and cipher, and recompute blind
    indexes; returns the number of values rewritten per "model.field"."""
    counts: dict[str, int] = {}
    for app_label, model_name, field, index_field, purpose in ENCRYPTED_FIELDS:
        try:
            model = get_model(app_label, model_name)
        except LookupError:  # in a migration, a model that a later migration creates
            continue
        rows = _raw_tokens(model, field)
        stale = [pk for pk, token in rows if not (only_stale and crypto.is_current(token))]
        if index_field:
            stale = [pk for pk, _token in rows]  # the index key or hash may have changed
        done = 0
        for start in range(0, len(stale), batch):
            objs = list(model._base_manager.filter(pk__in=stale[start : start + batch]).only("pk", field))
            fields = [field]
            if index_field:
                fields.append(index_field)
                for obj in objs:
                    value = getattr(obj, field)
                    setattr(obj, index_field, crypto.blind_index(value, purpose=purpose) if value else "")
            model._base_manager.bulk_update(objs, fields)
            done += len(objs)
        counts[f"{model_name}.{field}"] = done
    return counts


def plaintext_encrypt(get_model, app_label: str, model_name: str, field: str) -> int:
    """For a field that becomes encrypted: seal the plain values already stored (raw SQL, before the
    field class changes, since reading plain text through an encrypted field fails)."""
    model = get_model(app_label, model_name)
    table = connection.ops.quote_name(model._meta.db_table)
    column = connection.ops.quote_name(model._meta.get_field(field).column)
    count = 0
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, {column} FROM {table} WHERE {column} <> ''")  # noqa: S608  # nosec B608
        for pk, value in cursor.fetchall():
            try:
                crypto.decrypt(value)
                continue  # already sealed
            except crypto.DecryptionError:
                pass
            cursor.execute(f"UPDATE {table} SET {column} = %s WHERE id = %s", [crypto.encrypt(value), pk])  # noqa: S608  # nosec B608
            count += 1
    return count
