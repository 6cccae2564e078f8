"""Rate limits counted in the cache every worker shares (``CACHES["shared"]``: Redis, or a database table).

Fixed windows: the count of calls in the current window of ``period`` seconds, per group and key. A call over
the limit is refused with 429 and a Chinese message (JSON under /api/, a page elsewhere), and a
``Retry-After`` header.

    @rate_limit("report", key="user_or_ip", rate="30/h")       # a page or a ninja operation
    def case_report(request, ...): ...

    rate_limit_hit(request, "open311", key=api_key, rate="100/m")  # inside code, with a key of your own

``key`` is "ip", "user", "user_or_ip", or a function of the request giving a string. Keys are hashed before
they reach the cache, so no account name, number or API key is stored there. django-ratelimit was not used:
it refuses the database cache, which the embedded default needs; ``AtomicDatabaseCache`` gives the database
cache the atomic increment it lacks.
"""

import base64
import hashlib
import math
import pickle  # noqa: S403 - the database cache's own value format  # nosec B403
import time
from datetime import timedelta
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, models, router, transaction
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


class RateLimited(Exception):
    def __init__(self, retry_after: int):
        super().__init__("rate limited")
        self.retry_after = retry_after


class AtomicDatabaseCache(DatabaseCache):
    """Django's database cache with an atomic ``incr``: the row is locked for the read-modify-write
    (SELECT … FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE transactions take the write lock at BEGIN)."""

    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        table = connection.ops.quote_name(self._table)
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(f"SELECT value FROM {table} WHERE cache_key = %s{lock}", [key])  # noqa: S608  # nosec B608
            row = cursor.fetchone()
            if row is None:
                raise ValueError(f"Key '{key}' not found")
            stored = connection.ops.process_clob(row[0])
            # Our own table and our own values (Django's DatabaseCache stores pickles the same way).
            new = pickle.loads(base64.b64decode(stored.encode())) + delta  # noqa: S301  # nosec B301
            encoded = base64.b64encode(pickle.dumps(new, self.pickle_protocol)).decode("latin1")
            cursor.execute(f"UPDATE {table} SET value = %s WHERE cache_key = %s", [encoded, key])  # noqa: S608  # nosec B608
        return new

    def hit(self, key, *, timeout: int, version=None) -> int:
        """Count one call: the window's counter plus one, made at 1 when it is missing or expired.

        On SQLite (3.35 and later) and PostgreSQL this is one statement, an upsert that answers the new count
        (``INSERT … ON CONFLICT DO UPDATE … RETURNING``); the counter is kept as plain digits, which only this
        method reads (a value of another form, e.g. a pickle written before, counts as an expired window).
        Elsewhere, one short transaction of a read and a write."""
        key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        if connection.vendor in _UPSERT_VENDORS and _upsert_supported(connection):
            return self._hit_upsert(connection, key, timeout)
        return self._hit_read_write(connection, db, key, timeout)

    def _hit_upsert(self, connection, key, timeout: int) -> int:
        table = connection.ops.quote_name(self._table)
        now = timezone.now().replace(microsecond=0)
        adapt = connection.ops.adapt_datetimefield_value
        expiry, current = adapt(now + timedelta(seconds=timeout)), adapt(now)
        # A live window holding a plain count goes on counting; anything else starts again at 1.
        if connection.vendor == "postgresql":
            live = f"{table}.expires > %s AND {table}.value ~ '^[0-9]{{1,18}}$'"
            counted = f"({table}.value::bigint + 1)::text"
        else:
            live = f"{table}.expires > %s AND {table}.value NOT GLOB '*[^0-9]*' AND {table}.value != ''"
            counted = f"CAST(CAST({table}.value AS INTEGER) + 1 AS TEXT)"
        sql = (
            f"INSERT INTO {table} (cache_key, value, expires) VALUES (%s, '1', %s) "  # noqa: S608  # nosec B608
            f"ON CONFLICT (cache_key) DO UPDATE SET "
            f"value = CASE WHEN {live} THEN {counted} ELSE '1' END, "
            f"expires = CASE WHEN {live} THEN {table}.expires ELSE excluded.expires END "
            f"RETURNING value"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [key, expiry, current, current])
            return int(cursor.fetchone()[0])

    def _hit_read_write(self, connection, db, key, timeout: int) -> int:
        table = connection.ops.quote_name(self._table)
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        now = timezone.now().replace(microsecond=0)
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(f"SELECT value, expires FROM {table} WHERE cache_key = %s{lock}", [key])  # noqa: S608  # nosec B608
            row = cursor.fetchone()
            count = 1
            if row is not None:
                # As DatabaseCache reads it: through the backend's converters for a datetime.
                expression = models.Expression(output_field=models.DateTimeField())
                expires = row[1]
                for converter in connection.ops.get_db_converters(expression) + expression.get_db_converters(
                    connection
                ):
                    expires = converter(expires, expression, connection)
                if expires > now:
                    stored = connection.ops.process_clob(row[0])
                    count = pickle.loads(base64.b64decode(stored.encode())) + 1  # noqa: S301  # nosec B301
            encoded = base64.b64encode(pickle.dumps(count, self.pickle_protocol)).decode("latin1")
            if row is None:
                expiry = connection.ops.adapt_datetimefield_value(now + timedelta(seconds=timeout))
                cursor.execute(
                    f"INSERT INTO {table} (cache_key, value, expires) VALUES (%s, %s, %s)",  # noqa: S608  # nosec B608
                    [key, encoded, expiry],
                )
            elif count == 1:
                expiry = connection.ops.adapt_datetimefield_value(now + timedelta(seconds=timeout))
                cursor.execute(
                    f"UPDATE {table} SET value = %s, expires = %s WHERE cache_key = %s",  # noqa: S608  # nosec B608
                    [encoded, expiry, key],
                )
            else:
                cursor.execute(f"UPDATE {table} SET value = %s WHERE cache_key = %s", [encoded, key])  # noqa: S608  # nosec B608
        return count


_UPSERT_VENDORS = ("sqlite", "postgresql")


def _upsert_supported(connection) -> bool:
    if connection.vendor == "sqlite":
        import sqlite3

        return sqlite3.sqlite_version_info >= (3, 35, 0)
    return True


def parse_rate(rate: str) -> tuple[int, int]:
    count, _slash, period = rate.partition("/")
    unit = period[-1:]
    multiple = int(period[:-1] or 1)
    if unit not in _PERIODS or not count.isdigit():
        raise ValueError(f"rate must look like '10/m', not {rate!r}")
    return int(count), multiple * _PERIODS[unit]


def _client_ip(request) -> str:
    from lianxin.core.middleware import client_ip

    return client_ip(request) or "unknown"


def request_key(request, key) -> str:
    if callable(key):
        return str(key(request))
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    if key == "ip":
        return "ip:" + _client_ip(request)
    if key == "user":
        return f"user:{user.pk}" if signed_in else "ip:" + _client_ip(request)
    if key == "user_or_ip":
        return f"user:{user.pk}" if signed_in else "ip:" + _client_ip(request)
    raise ValueError(f"unknown rate-limit key {key!r}")


def rate_limit_hit(request, group: str, *, key: str, rate: str) -> None:
    """Count one call of ``group`` for ``key``; raise RateLimited when the window's limit is passed."""
    limit, period = parse_rate(rate)
    window = int(time.time() // period)
    digest = hashlib.sha256(f"{group}:{key}".encode()).hexdigest()[:32]
    cache_key = f"rl:{group}:{window}:{digest}"
    cache = caches["shared"]
    if isinstance(cache, AtomicDatabaseCache):
        count = cache.hit(cache_key, timeout=period + 1)
    else:
        cache.add(cache_key, 0, timeout=period + 1)
        try:
            count = cache.incr(cache_key)
        except ValueError:  # expired between add and incr: this call opens a new window
            cache.add(cache_key, 1, timeout=period + 1)
            count = 1
    if count > limit:
        retry_after = max(1, math.ceil((window + 1) * period - time.time()))
        raise RateLimited(retry_after)


def rate_limit(group: str, *, key="user_or_ip", rate: str | None = None, methods=None):
    """Decorator for a page view or a ninja operation (its first argument is the request); ``methods``
    limits counting to some methods (e.g. ("POST",) for a form whose GET is free).

    ``rate`` defaults to ``settings.RATE_LIMITS[group]``, so deployments tune limits without code."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if methods is None or request.method in methods:
                configured = settings.RATE_LIMITS.get(group, rate)
                rate_limit_hit(request, group, key=request_key(request, key), rate=configured)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def rate_limited_response(request, retry_after: int):
    message = _("Too many requests. Please wait %(seconds)d seconds and try again.") % {
        "seconds": retry_after
    }
    if request.path.startswith("/api/"):
        from lianxin.core.api_errors import error_response

        response = error_response(429, "rate_limited", message)
    else:
        response = render(
            request,
            "error.html",
            {"status": 429, "title": _("Too many requests"), "message": message},
            status=429,
        )
    response["Retry-After"] = str(retry_after)
    return response


class RateLimitMiddleware:
    """Turns RateLimited raised in any page view into the 429 answer (the API has its own handler)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, RateLimited):
            return rate_limited_response(request, exception.retry_after)
        return None
