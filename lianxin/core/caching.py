"""Figures kept in the cache for a few seconds, shared by everyone who may see them."""

from collections.abc import Callable

from django.core.cache import cache


def cached_computed(key: str, seconds: int, compute: Callable[[], object]):
    """``compute()``'s value, kept under ``key`` for ``seconds``; 0 seconds: computed on every call and
    never stored."""
    value = cache.get(key) if seconds else None
    if value is None:
        value = compute()
        if seconds:
            cache.set(key, value, seconds)
    return value
