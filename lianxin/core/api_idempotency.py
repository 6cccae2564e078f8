"""``Idempotency-Key`` for every write of the JSON API (POST, PUT, PATCH, DELETE), in the database.

``LianxinAPI`` wraps each write operation with ``operation_idempotent`` once its routers are bound, so no
endpoint has to remember it. A write sent with the header runs in one transaction with an
``IdempotentAnswer`` row keyed by (actor, key): the row is inserted first, the endpoint runs, and the answer
(status, content type, body, encrypted) is written to the row before the transaction commits. So a crash
leaves either the write and its answer, or neither; and a second identical request racing the first waits on
the row's unique index (PostgreSQL) or on the write lock (SQLite), then finds the answer instead of writing
again.

A repeat with the same key and the same request (method, path and validated input) gets the stored answer
with ``Idempotent-Replayed: true``; the same key with another request is refused (409
``idempotency_conflict``). An answer that is not a success is not kept (nothing was done, so a corrected retry
with the same key runs). Answers are kept ``API_IDEMPOTENCY_HOURS`` (24 by default); the periodic task
``idempotent_answers_clear`` deletes older ones, and an older one found first is ignored and replaced.

Case steps and reports also pass the key to the case services, which keep it on the step's event
(``CaseEvent.idempotency_key``): the pages' forms, which do not go through the API, rely on that.
"""

import hashlib
import json
from datetime import timedelta
from functools import wraps

from django.conf import settings
from django.core.files import File
from django.db import IntegrityError, transaction
from django.http import HttpResponse, HttpResponseBase
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Header
from pydantic import BaseModel

from lianxin.core.api_errors import ApiError
from lianxin.core.models import IdempotentAnswer

MAX_KEY_LENGTH = 100
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
REPLAYED_HEADER = "Idempotent-Replayed"
HEADER_DESCRIPTION = gettext_lazy(
    "Any string you choose, new for each request (a UUID): a retried request with the same key does its "
    "work once and gets the same answer."
)

# The header as an endpoint parameter, for endpoints that hand the key on (the case services keep it on the
# step's event). Every other write takes the header without declaring it.
IDEMPOTENCY_KEY = Header(
    "", alias="Idempotency-Key", max_length=MAX_KEY_LENGTH, description=HEADER_DESCRIPTION
)


def answer_hours() -> int:
    return int(getattr(settings, "API_IDEMPOTENCY_HOURS", 24))


def _key_of(request) -> str:
    key = (request.headers.get("Idempotency-Key") or "").strip()
    if len(key) > MAX_KEY_LENGTH:
        raise ApiError(
            422,
            "invalid",
            _("Check the fields marked."),
            fields={"Idempotency-Key": _("Enter at most %(limit)s characters.") % {"limit": MAX_KEY_LENGTH}},
        )
    return key


def actor_of(request) -> str:
    """Who a key belongs to: the account the call acts as (a token's owner, or the signed-in user)."""
    pk = getattr(getattr(request, "user", None), "pk", None)
    return f"user:{pk}" if pk else ""


def _plain(value):
    """The validated input as JSON-ready data; a file by the digest of its content."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, File):
        digest = hashlib.sha256()
        for chunk in value.chunks():
            digest.update(chunk)
        value.seek(0)
        return {"file": digest.hexdigest()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(name): _plain(item) for name, item in value.items()}
    return value


def fingerprint(method: str, path: str, values: dict) -> str:
    """A digest of what makes two requests the same request: method, path and the validated input (so the
    order of a JSON body's fields or its spacing does not matter)."""
    data = {name: _plain(value) for name, value in values.items() if name != "idempotency_key"}
    raw = json.dumps([method, path, data], sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(raw.encode()).hexdigest()


def _replay(answer: IdempotentAnswer, request_fingerprint: str) -> HttpResponse:
    if not answer.status:
        # Only visible inside the first request's own transaction (an endpoint calling itself), never to
        # another request: still, never hand out an answer that is not written yet.
        raise ApiError(
            409,
            "idempotency_in_progress",
            _("A request with this idempotency key is still being processed. Try again shortly."),
        )
    if answer.fingerprint != request_fingerprint:
        raise ApiError(
            409,
            "idempotency_conflict",
            _("This idempotency key was already used for another request. Use a new key for a new request."),
        )
    response = HttpResponse(answer.body.encode(), status=answer.status, content_type=answer.content_type)
    response[REPLAYED_HEADER] = "true"
    return response


def _stored(actor: str, key: str) -> tuple[IdempotentAnswer | None, bool]:
    """The live answer under (actor, key), if any, and whether an expired one was deleted to free the key."""
    answer = IdempotentAnswer.objects.filter(actor=actor, key=key).first()
    if answer is not None and answer.created_at < timezone.now() - timedelta(hours=answer_hours()):
        answer.delete()
        return None, True
    return answer, False


def _run_keeping_answer(operation, view_func, request, values, *, actor, key, request_fingerprint):
    """Run the endpoint in one transaction with its answer row; ``IntegrityError`` if the key is taken."""
    with transaction.atomic():
        # Inserted first: a concurrent duplicate blocks on the unique (actor, key) index until this
        # transaction ends, then fails here and replays this answer instead of writing again.
        row = IdempotentAnswer.objects.create(
            actor=actor,
            key=key,
            method=request.method,
            path=request.path[:300],
            fingerprint=request_fingerprint,
            status=0,
            created_at=timezone.now(),
        )
        response = view_func(request, **values)
        if not isinstance(response, HttpResponseBase):
            response = operation._result_to_response(
                request, response, operation.api.create_temporal_response(request)
            )
        if 200 <= response.status_code < 300 and not getattr(response, "streaming", False):
            row.status = response.status_code
            row.content_type = response.get("Content-Type", "")[:100]
            row.body = response.content.decode()
            row.save(update_fields=["status", "content_type", "body"])
        else:
            # Not a success: nothing to replay, and the corrected request may use the same key.
            row.delete()
        return response


def operation_idempotent(operation) -> None:
    """Give one ninja operation the ``Idempotency-Key`` behaviour if it writes (once per operation)."""
    if not WRITE_METHODS.intersection(operation.methods) or getattr(operation, "_lianxin_idempotent", False):
        return
    view_func = operation.view_func

    @wraps(view_func)
    def idempotent_view(request, **values):
        key = _key_of(request)
        actor = actor_of(request) if key else ""
        if not actor:
            return view_func(request, **values)
        request_fingerprint = fingerprint(request.method, request.path, values)
        # Twice at most: the second time only if the row that held the key had expired and was deleted.
        for _attempt in range(2):
            try:
                return _run_keeping_answer(
                    operation,
                    view_func,
                    request,
                    values,
                    actor=actor,
                    key=key,
                    request_fingerprint=request_fingerprint,
                )
            except IntegrityError:
                answer, expired = _stored(actor, key)
                if answer is not None:
                    return _replay(answer, request_fingerprint)
                if not expired:  # the endpoint's own integrity error, not the key's
                    raise
        raise IntegrityError("idempotency key still taken")

    operation.view_func = idempotent_view
    operation._lianxin_idempotent = True


def openapi_header_add(schema: dict) -> None:
    """Name the header on every write operation of the OpenAPI schema, declared by the endpoint or not."""
    header = {
        "in": "header",
        "name": "Idempotency-Key",
        "required": False,
        "description": str(HEADER_DESCRIPTION),
        "schema": {"type": "string", "maxLength": MAX_KEY_LENGTH},
    }
    for operations in schema["paths"].values():
        for method, operation in operations.items():
            if method.upper() not in WRITE_METHODS:
                continue
            parameters = operation.setdefault("parameters", [])
            if not any(p.get("in") == "header" and p.get("name") == "Idempotency-Key" for p in parameters):
                parameters.append(header)


def answers_clear_expired(*, now=None) -> int:
    """Delete the answers older than ``API_IDEMPOTENCY_HOURS``; returns how many."""
    cutoff = (now or timezone.now()) - timedelta(hours=answer_hours())
    deleted, _counts = IdempotentAnswer.objects.filter(created_at__lt=cutoff).delete()
    return deleted
