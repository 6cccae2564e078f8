"""What both points pages share: a service's refusal shown on the page with its status."""

import uuid

from lianxin.core.api_errors import DOMAIN_STATUS
from lianxin.core.errors_domain import DomainError


def error_status(error: DomainError) -> int:
    return DOMAIN_STATUS.get(error.code, 400)


def new_key() -> str:
    """A key for one form as rendered: a double tap sends it twice and redeems once."""
    return uuid.uuid4().hex


def posted_key(request) -> str:
    return (request.POST.get("idempotency_key") or "").strip()[:100]


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true" and not request.headers.get(
        "HX-History-Restore-Request"
    )
