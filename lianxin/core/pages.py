"""What every app's pages share: HTMX detection, a form's idempotency key, and a service's DomainError shown
on the form that caused it with the status its code stands for (the API's own table, core.api_errors)."""

import uuid

from lianxin.core.api_errors import DOMAIN_STATUS
from lianxin.core.errors_domain import DomainError


def error_status(error: DomainError) -> int:
    return DOMAIN_STATUS.get(error.code, 400)


def form_error(form, error: DomainError) -> None:
    """Put the service's Chinese message on the field it names, or on the whole form."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


def new_key() -> str:
    """A key for one form as rendered: a double tap sends it twice and the service acts once."""
    return uuid.uuid4().hex


def posted_key(request) -> str:
    """The idempotency key the form carried; a form without one still works, once."""
    return (request.POST.get("idempotency_key") or "").strip()[:100]


def is_htmx(request) -> bool:
    """An HTMX swap wants the fragment; a history restore after a cache miss wants the whole page."""
    return request.headers.get("HX-Request") == "true" and not request.headers.get(
        "HX-History-Restore-Request"
    )
