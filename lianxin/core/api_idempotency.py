"""``Idempotency-Key`` for the API's POSTs that are not steps of a case (photo uploads, token creation).

Case steps pass the key to the case services, which keep it on the step's event
(``CaseEvent.idempotency_key``) and give back the same case. Other POSTs keep their first answer here, in the
cache every worker shares (``CACHES["shared"]`` when configured, else the default cache), keyed by the
account and the key, for ``API_IDEMPOTENCY_HOURS`` (24 by default). A replay with the same key and the same
request gets the stored answer; the same key with a different request is refused (409
``idempotency_conflict``); a replay while the first call is still running is told to retry (409
``idempotency_in_progress``). Answers are stored encrypted (they may hold a token's secret). With the
local-memory cache of the embedded demo, each worker process keeps its own answers.
"""

import hashlib
import json

from django.conf import settings
from django.core.cache import caches
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Header

from lianxin.core import crypto
from lianxin.core.api_errors import ApiError

MAX_KEY_LENGTH = 100
_PENDING = "pending"

# One declaration of the header every POST takes (a module-level default: ninja reads it per endpoint).
IDEMPOTENCY_KEY = Header(
    "",
    alias="Idempotency-Key",
    max_length=MAX_KEY_LENGTH,
    description=gettext_lazy(
        "Any string you choose, new for each request (a UUID): a retried request with the same key does its "
        "work once and gets the same answer."
    ),
)


def _cache():
    return caches["shared"] if "shared" in settings.CACHES else caches["default"]


def _ttl() -> int:
    return int(getattr(settings, "API_IDEMPOTENCY_HOURS", 24)) * 3600


def idempotency_key_clean(key) -> str:
    key = (key or "").strip()
    if len(key) > MAX_KEY_LENGTH:
        message = _("The idempotency key is longer than %(n)s characters.") % {"n": MAX_KEY_LENGTH}
        raise ApiError(400, "invalid", message, fields={"Idempotency-Key": message})
    return key


def _cache_key(user, key: str) -> str:
    digest = hashlib.sha256(f"{user.pk}:{key}".encode()).hexdigest()[:40]
    return f"api-idem:{digest}"


def fingerprint(*parts) -> str:
    """A digest of what makes two requests the same request (path, fields, file hashes)."""
    raw = json.dumps(parts, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(raw.encode()).hexdigest()


def idempotent_call(request, key: str, request_fingerprint: str, run):
    """``run()`` once per (account, key): returns ``(status, body)``, the stored one on a replay.

    A call that raises stores nothing, so a corrected retry with the same key runs again.
    """
    key = idempotency_key_clean(key)
    if not key or not getattr(request.user, "pk", None):
        return run()
    cache = _cache()
    slot = _cache_key(request.user, key)
    if not cache.add(slot, _PENDING, timeout=_ttl()):
        stored = cache.get(slot)
        if stored == _PENDING:
            raise ApiError(
                409,
                "idempotency_in_progress",
                _("A request with this idempotency key is still being processed. Try again shortly."),
            )
        if stored is not None:
            entry = json.loads(crypto.decrypt(stored))
            if entry["fingerprint"] != request_fingerprint:
                raise ApiError(
                    409,
                    "idempotency_conflict",
                    _(
                        "This idempotency key was already used for another request. "
                        "Use a new key for a new request."
                    ),
                )
            return entry["status"], entry["body"]
        # Expired between add() and get(): take the slot now.
        cache.set(slot, _PENDING, timeout=_ttl())
    try:
        status, body = run()
    except BaseException:
        cache.delete(slot)
        raise
    body = json.loads(json.dumps(body, cls=DjangoJSONEncoder))
    entry = {"fingerprint": request_fingerprint, "status": status, "body": body}
    cache.set(slot, crypto.encrypt(json.dumps(entry, ensure_ascii=False)), timeout=_ttl())
    return status, body
