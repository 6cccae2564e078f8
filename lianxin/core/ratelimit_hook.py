"""The one place where the API and Open311 count calls against a rate limit.

``rate_limit_hook(request, group, key=...)`` counts one call of ``group`` ("api_token", "open311_key") for
``key`` (a token's or an API key's id) with the shared-cache limiter of ``lianxin.core.ratelimit`` when the
platform has it, at the rate ``settings.RATE_LIMITS[group]`` (or the default below), and raises
``RateLimitExceeded`` with the seconds to wait when the window's limit is passed. Without that limiter it
counts nothing.
"""

from django.conf import settings

DEFAULT_RATES = {"api_token": "600/m", "open311_key": "120/m"}


class RateLimitExceeded(Exception):
    def __init__(self, retry_after: int):
        super().__init__("rate limit exceeded")
        self.retry_after = retry_after


def _limiter():
    try:
        from lianxin.core import ratelimit
    except ImportError:
        return None
    return getattr(ratelimit, "rate_limit_hit", None), getattr(ratelimit, "RateLimited", None)


def rate_limit_hook(request, group: str, *, key: str) -> None:
    found = _limiter()
    if not found or not found[0]:
        return
    hit, limited = found
    rate = getattr(settings, "RATE_LIMITS", {}).get(group, DEFAULT_RATES.get(group, "600/m"))
    try:
        hit(request, group, key=key, rate=rate)
    except Exception as error:
        if limited is not None and isinstance(error, limited):
            raise RateLimitExceeded(getattr(error, "retry_after", 60)) from None
        raise
