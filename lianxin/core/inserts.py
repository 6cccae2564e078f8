"""One row written with one prepared INSERT, for the hot paths that write a handful of rows per request
(a report writes a case, its events, an audit record and an outbox row).

``Model.save()`` compiles its INSERT anew on every call: for the 65 columns of a case that compilation
costs more than SQLite's own work (docs/cases.md, "Speed"). ``row_insert`` builds the statement and the
list of converters once per model and only converts the values that need it (dates, decimals, JSON,
encrypted text); every other value is bound as it is. It does what ``save()`` does for a new row — apply
``auto_now``/``auto_now_add``, convert, insert, set the primary key and mark the instance saved — and
nothing else: no signals (no model written here has a receiver, and the audit trail is written by the
services themselves) and no ``save()`` override (callers use it only for models whose override merely
refuses updates).
"""

from functools import cache
from operator import attrgetter

from django.db import DEFAULT_DB_ALIAS, connections, models

# Field classes whose Python value is bound as it is: a plain str, int, bool or None (and str/int
# subclasses, the choices enums). Subclasses of these are *not* plain: they may convert (an encrypted
# text field is a TextField).
_PLAIN = {
    models.AutoField,
    models.BigAutoField,
    models.SmallAutoField,
    models.BooleanField,
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.BigIntegerField,
    models.SmallIntegerField,
    models.PositiveIntegerField,
    models.PositiveSmallIntegerField,
    models.PositiveBigIntegerField,
    models.ForeignKey,
}
_TEXT = {models.CharField, models.TextField}


@cache
def _plan(model, vendor: str):
    connection = connections[DEFAULT_DB_ALIAS]
    q = connection.ops.quote_name
    pk = model._meta.pk
    fields = [f for f in model._meta.concrete_fields if not (f is pk and f.db_returning)]
    table = q(model._meta.db_table)
    columns = ", ".join(q(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    # Our own table and column names only; every value is a parameter.
    sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608  # nosec B608
    returning = connection.features.can_return_columns_from_insert
    if returning:
        sql += f" RETURNING {q(pk.column)}"
    # Every value is read at once (one attrgetter); then the few that need it are converted, by position.
    read = attrgetter(*(f.attname for f in fields))
    steps = {"text": [], "datetime": [], "pre_save": [], "convert": []}
    for i, f in enumerate(fields):
        kind = type(f)
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            steps["pre_save"].append((i, f))
        elif kind in _TEXT:
            steps["text"].append((i, f))
        elif kind in _PLAIN:
            continue
        elif kind is models.DateTimeField:
            steps["datetime"].append((i, f))
        else:
            steps["convert"].append((i, f))
    return sql, read, steps, returning


def direct_to_driver(connection) -> bool:
    """Whether a hot-path statement may go straight to SQLite's driver: nobody is watching the queries
    (no query log, as tests and DEBUG keep, and no execute wrapper)."""
    return connection.vendor == "sqlite" and not connection.queries_logged and not connection.execute_wrappers


@cache
def _native(sql: str) -> str:
    return sql.replace("%s", "?")


def hot_execute(sql: str, params, *, fetch: str = ""):
    """Run one statement of a hot path (a report, a step) and return ``fetchone()`` (``fetch="one"``) or
    nothing. On SQLite, when nobody is watching the queries, it goes straight to the driver's cursor with
    the statement in SQLite's own placeholder style: Django's cursor wrapper and its placeholder rewrite
    cost as much as SQLite's own work for a small statement. Database errors are still Django's (an
    IntegrityError is what idempotency catches), and a broken transaction is still refused. ``sql`` is
    ours, with ``%s`` placeholders and no other ``%``."""
    connection = connections[DEFAULT_DB_ALIAS]
    if direct_to_driver(connection):
        connection.ensure_connection()
        connection.validate_no_broken_transaction()
        with connection.wrap_database_errors:
            cursor = connection.connection.cursor()
            try:
                cursor.execute(_native(sql), params)
                return cursor.fetchone() if fetch == "one" else None
            finally:
                cursor.close()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone() if fetch == "one" else None


def _insert(connection, sql: str, returning: bool, params: list):
    if returning:
        return hot_execute(sql, params, fetch="one")[0]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.lastrowid


def row_insert(obj: models.Model) -> models.Model:
    """Insert ``obj`` as a new row; its primary key is set and it is marked saved."""
    if obj.pk is not None:
        raise ValueError("row_insert writes new rows, whose primary key the database gives")
    connection = connections[DEFAULT_DB_ALIAS]
    model = type(obj)
    sql, read, steps, returning = _plan(model, connection.vendor)
    values = read(obj)
    params = list(values) if isinstance(values, tuple) else [values]
    for i, _field in steps["text"]:
        value = params[i]
        # A lazy translation or another non-str value becomes its text, as CharField.to_python does.
        if value is not None and not isinstance(value, str):
            params[i] = str(value)
    adapt_datetime = connection.ops.adapt_datetimefield_value
    for i, field in steps["datetime"]:
        value = params[i]
        # An aware datetime goes straight to the backend's adapter (what get_db_prep_save ends in); a naive
        # one takes the field's own path, with its warning.
        if value is None:
            continue
        if getattr(value, "tzinfo", None) is not None:
            params[i] = adapt_datetime(value)
        else:
            params[i] = field.get_db_prep_save(value, connection)
    for i, field in steps["pre_save"]:
        params[i] = field.get_db_prep_save(field.pre_save(obj, True), connection)
    for i, field in steps["convert"]:
        # NULL is NULL for every field here (a JSON field's None is SQL NULL too).
        if params[i] is not None:
            params[i] = field.get_db_prep_save(params[i], connection)
    obj.pk = _insert(connection, sql, returning, params)
    obj._state.adding = False
    obj._state.db = connection.alias
    return obj
