"""Liveness of what Lianxin depends on: the database, the cache and the job queue."""

import secrets

from django.core.cache import cache
from django.db import connection


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone() != (1,):
            raise RuntimeError("unexpected answer from the database")


def check_cache() -> None:
    key = f"healthz:{secrets.token_hex(8)}"
    cache.set(key, "ok", timeout=10)
    try:
        if cache.get(key) != "ok":
            raise RuntimeError("the cache did not return what was written")
    finally:
        cache.delete(key)


def check_queue() -> None:
    from huey.contrib.djhuey import HUEY

    HUEY.storage.queue_size()


CHECKS = {"database": check_database, "cache": check_cache, "queue": check_queue}


def health_report() -> dict:
    """Run every check; the report names each one as ``ok`` or with the reason it failed."""
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as exc:  # a health check reports every failure, it never raises
            results[name] = {"status": "error", "detail": f"{type(exc).__name__}: {exc}"[:200]}
        else:
            results[name] = {"status": "ok"}
    failed = [name for name, result in results.items() if result["status"] != "ok"]
    return {"status": "ok" if not failed else "error", "failed": failed, "checks": results}
