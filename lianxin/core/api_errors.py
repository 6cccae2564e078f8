"""One error shape for the whole JSON API, whatever went wrong:

    {"error": {"code": "not_found", "message": "<中文>", "fields": {"limit": "<中文>"}}}

``code`` is stable (integrators branch on it), ``message`` is for people (Chinese), ``fields`` names each
input that was refused. Bad input is always a 4xx: the handlers below turn every exception an endpoint can
raise into this shape, and an unexpected one into a logged 500 in the same shape rather than a traceback.
"""

import structlog
from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.http import Http404, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, Throttled, ValidationError

from lianxin.core.errors_domain import DomainError

logger = structlog.get_logger(__name__)


class ApiError(Exception):
    """An error an endpoint or the authentication raises on purpose, with its status and stable code."""

    def __init__(self, status: int, code: str, message: str, *, fields: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.fields = fields or {}


def error_body(code: str, message: str, fields: dict[str, str] | None = None) -> dict:
    error = {"code": code, "message": str(message)}
    if fields:
        error["fields"] = {name: str(text) for name, text in fields.items()}
    return {"error": error}


def error_response(
    status: int, code: str, message: str, fields: dict[str, str] | None = None
) -> JsonResponse:
    return JsonResponse(
        error_body(code, message, fields), status=status, json_dumps_params={"ensure_ascii": False}
    )


# Messages by status, for errors raised without a code of their own (ninja's HttpError and the like).
def _status_error(status: int) -> tuple[str, str]:
    known = {
        400: ("bad_request", _("The request could not be understood.")),
        401: ("not_authenticated", _("Sign in, or send a valid API token in the Authorization header.")),
        403: ("forbidden", _("Your posts do not allow this.")),
        404: ("not_found", _("Not found, or outside the areas your posts cover.")),
        405: ("method_not_allowed", _("This method is not allowed here.")),
        429: ("throttled", _("Too many requests. Wait a moment and try again.")),
    }
    return known.get(status, ("error", _("The request could not be completed.")))


# -- validation: pydantic's error types, said in Chinese -----------------------------------------------------


def _field_name(loc) -> str:
    """``("query", "limit")`` → ``limit``; ``("body", "payload", "name")`` → ``name``: where the client put it
    (query, path, body) and ninja's wrapper names are not part of the field's name."""
    parts = [str(part) for part in loc[1:] if part not in ("payload", "ninja_pagination")] if loc else []
    return ".".join(parts) or "__all__"


def _field_message(error: dict) -> str:
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return _("This field is required.")
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return _("Enter a whole number.")
    if kind in ("less_than_equal", "less_than"):
        return _("Ensure this value is less than or equal to %(limit_value)s.") % {
            "limit_value": ctx.get("le", ctx.get("lt"))
        }
    if kind in ("greater_than_equal", "greater_than"):
        return _("Ensure this value is greater than or equal to %(limit_value)s.") % {
            "limit_value": ctx.get("ge", ctx.get("gt"))
        }
    if kind == "string_too_long":
        return _("Enter at most %(limit)s characters.") % {"limit": ctx.get("max_length")}
    if kind == "string_too_short":
        return _("Enter at least %(limit)s characters.") % {"limit": ctx.get("min_length")}
    if kind in ("enum", "literal_error"):
        return _("Select a valid choice. That choice is not one of the available choices.")
    if kind == "json_invalid":
        return _("The request body is not valid JSON.")
    if kind in (
        "date_from_datetime_parsing",
        "date_parsing",
        "datetime_parsing",
        "datetime_from_date_parsing",
    ):
        return _("Enter a valid date.")
    return _("Enter a valid value.")


def validation_fields(errors: list[dict]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for error in errors:
        fields.setdefault(_field_name(error.get("loc") or ()), _field_message(error))
    return fields


# -- handlers ------------------------------------------------------------------------------------------------


def _on_api_error(request, exc: ApiError):
    response = error_response(exc.status, exc.code, exc.message, exc.fields)
    if exc.status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


def _on_validation_error(request, exc: ValidationError):
    return error_response(422, "invalid", _("Check the fields marked."), validation_fields(exc.errors))


# The services' error codes and the status each is answered with; any other code is a refused input (400).
DOMAIN_STATUS = {
    "invalid": 400,
    "invalid_photo": 400,
    "forbidden": 403,
    "not_found": 404,
    "invalid_state": 409,
    "idempotency_conflict": 409,
}


def _on_domain_error(request, exc: DomainError):
    fields = {exc.field: exc.message} if exc.field else None
    return error_response(DOMAIN_STATUS.get(exc.code, 400), exc.code, exc.message, fields)


def _on_not_found(request, exc):
    return error_response(404, *_status_error(404))


def _on_permission_denied(request, exc):
    return error_response(403, "forbidden", _("You may only read this; your posts do not allow changes."))


def _on_authentication_error(request, exc):
    response = error_response(401, *_status_error(401))
    response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


def _on_throttled(request, exc: Throttled):
    return error_response(429, *_status_error(429))


def _on_http_error(request, exc: HttpError):
    return error_response(exc.status_code, *_status_error(exc.status_code))


def _on_unreadable_body(request, exc):
    # A multipart body without its boundary, or cut short: the client's fault, said as such.
    return error_response(
        400, "bad_request", _("The request body could not be read. Check its Content-Type.")
    )


def _on_too_large(request, exc):
    # Django refuses a body over DATA_UPLOAD_MAX_MEMORY_SIZE (files apart) as it reads it.
    mb = max(1, round(settings.DATA_UPLOAD_MAX_MEMORY_SIZE / (1024 * 1024)))
    return error_response(
        413, "too_large", _("The request is too large: at most %(mb)d MB, photos apart.") % {"mb": mb}
    )


def _on_suspicious(request, exc):
    # Too many fields or files, a malformed header: Django's own refusals of an input, said as such.
    return error_response(400, "bad_request", _("The request could not be understood."))


def _on_unexpected(request, exc):
    logger.exception("api_unexpected_error", path=request.path)
    return error_response(
        500, "server_error", _("Something went wrong on our side. It has been logged; try again later.")
    )


def error_handlers_install(api) -> None:
    """Register the handlers on a NinjaAPI; ninja picks the most specific class of each exception."""
    api.add_exception_handler(ApiError, _on_api_error)
    api.add_exception_handler(ValidationError, _on_validation_error)
    api.add_exception_handler(DomainError, _on_domain_error)
    api.add_exception_handler(Http404, _on_not_found)
    api.add_exception_handler(PermissionDenied, _on_permission_denied)
    api.add_exception_handler(AuthenticationError, _on_authentication_error)
    api.add_exception_handler(AuthorizationError, _on_permission_denied)
    api.add_exception_handler(Throttled, _on_throttled)
    api.add_exception_handler(HttpError, _on_http_error)
    api.add_exception_handler(MultiPartParserError, _on_unreadable_body)
    api.add_exception_handler(RequestDataTooBig, _on_too_large)
    api.add_exception_handler(SuspiciousOperation, _on_suspicious)
    api.add_exception_handler(Exception, _on_unexpected)

    from lianxin.core.ratelimit import RateLimited, rate_limited_response

    api.add_exception_handler(
        RateLimited, lambda request, exc: rate_limited_response(request, exc.retry_after)
    )
