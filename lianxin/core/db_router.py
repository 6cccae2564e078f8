"""Reads of the figures pages from a streaming replica (``DATABASE_REPLICA_URL``, docs/operations.md).

A view decorated with :func:`read_from_replica` (the dashboard, the big screen, the figures, the exports,
the bulletins) sends its ORM reads to the ``replica`` database while it runs; everything else, every write
and every read inside a transaction goes to ``default``, the primary. Without a replica (settings
``REPLICA_DATABASE`` is None) the decorator does nothing and every query goes to ``default`` as before.

The flag is request-scoped (a context variable set around the view), so the router needs to know nothing of
the apps: a domain app only puts ``@read_from_replica`` on its read-only views.

Before a view reads from the replica, the replica's lag is looked up (once every ``REPLICA_LAG_CHECK_SECONDS``
per process): when the replica cannot be reached, or lags more than ``REPLICA_MAX_LAG_SECONDS``, the view
reads from the primary instead. A page read from the replica says how old its data may be
(``{% replica_lag_notice %}`` in base.html, and the ``X-Data-Lag-Seconds`` header for files and JSON).
"""

import functools
import math
import threading
import time
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

LAG_HEADER = "X-Data-Lag-Seconds"

# On a standby: 0 when it has replayed everything its WAL receiver got and the receiver is streaming, else
# the time since the last replayed transaction (an upper bound: on a quiet primary it grows although nothing
# is missing). Not a standby (the "replica" is the primary itself): 0. NULL: nothing replayed yet (unknown).
_PG_LAG_SQL = """
SELECT CASE
  WHEN NOT pg_is_in_recovery() THEN 0
  WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn()
       AND EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming') THEN 0
  ELSE EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())
END
"""


@dataclass(frozen=True)
class ReplicaRead:
    alias: str
    lag_seconds: float


_reading: ContextVar[ReplicaRead | None] = ContextVar("lianxin_replica_read", default=None)


def replica_alias() -> str | None:
    """The replica's database alias, or None when no replica is configured."""
    alias = getattr(settings, "REPLICA_DATABASE", None)
    return alias if alias and alias in settings.DATABASES else None


def replica_read() -> ReplicaRead | None:
    """The replica the running view reads from, with its lag when the view began; None on the primary."""
    return _reading.get()


class ReplicaRouter:
    """Reads go to the replica only inside a :func:`read_from_replica` view and outside any transaction."""

    def db_for_read(self, model, **hints):
        state = _reading.get()
        if state is None or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return None
        return state.alias

    def db_for_write(self, model, **hints):
        # An object read from the replica is saved to the primary; any other object where it came from
        # (None: Django's own choice, which is the object's database or default).
        instance = hints.get("instance")
        alias = replica_alias()
        if alias is not None and instance is not None and instance._state.db == alias:
            return DEFAULT_DB_ALIAS
        return None

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the primary's rows: an object read from either may point at one from the other.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # The replica is migrated by replaying the primary's WAL, never directly; nor is a test mirror of
        # the primary (it is the primary), which ``makemigrations --check`` would otherwise query.
        if db == replica_alias() or settings.DATABASES.get(db, {}).get("TEST", {}).get("MIRROR"):
            return False
        return None


_lag_lock = threading.Lock()
_lag_cache: dict[str, tuple[float, float | None]] = {}


def _lag_measure(alias: str) -> float | None:
    connection = connections[alias]
    try:
        if connection.vendor != "postgresql":
            connection.ensure_connection()
            return 0.0
        with connection.cursor() as cursor:
            cursor.execute(_PG_LAG_SQL)
            value = cursor.fetchone()[0]
    except DatabaseError:
        connection.close()
        return None
    return None if value is None else max(float(value), 0.0)


def replica_lag(alias: str) -> float | None:
    """How many seconds the replica's data may be behind the primary's; None when it cannot be reached.

    Measured at most once every REPLICA_LAG_CHECK_SECONDS per process; the age of the measurement is added,
    so that the figure stays an upper bound."""
    now = time.monotonic()
    every = getattr(settings, "REPLICA_LAG_CHECK_SECONDS", 5)
    with _lag_lock:
        cached = _lag_cache.get(alias)
        if cached is None or now - cached[0] >= every:
            cached = (now, _lag_measure(alias))
            _lag_cache[alias] = cached
    measured_at, lag = cached
    return None if lag is None else lag + (now - measured_at)


def _usable(alias: str) -> bool:
    connection = connections[alias]
    if connection.connection is not None and connection.is_usable():
        return True
    connection.close()
    return False


def _lag_forget(alias: str) -> None:
    """Mark the replica out of reach until its next check."""
    with _lag_lock:
        _lag_cache[alias] = (time.monotonic(), None)


def lag_cache_clear() -> None:
    with _lag_lock:
        _lag_cache.clear()


def read_from_replica(view):
    """Let a read-only view (GET and HEAD) read from the replica when one is configured and fresh enough."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        alias = replica_alias()
        if alias is None or request.method not in ("GET", "HEAD") or _reading.get() is not None:
            return view(request, *args, **kwargs)
        lag = replica_lag(alias)
        if lag is None or lag > getattr(settings, "REPLICA_MAX_LAG_SECONDS", 300):
            return view(request, *args, **kwargs)
        token = _reading.set(ReplicaRead(alias=alias, lag_seconds=lag))
        try:
            response = view(request, *args, **kwargs)
        except DatabaseError:
            if _usable(alias):
                raise
            # The replica went away since its last check: left aside until the next, and this read-only
            # view answered from the primary.
            _lag_forget(alias)
            _reading.reset(token)
            token = None
            return view(request, *args, **kwargs)
        finally:
            if token is not None:
                _reading.reset(token)
        if hasattr(response, "headers"):
            response.headers[LAG_HEADER] = str(lag_display(lag))
        return response

    return wrapper


def lag_display(lag: float) -> int:
    """The lag as shown: whole seconds, rounded up."""
    return math.ceil(lag)
