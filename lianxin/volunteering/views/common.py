"""What the volunteering pages share: a service's DomainError shown on the form that caused it, with the
status its code stands for (400, 403, 409)."""

from django.core.exceptions import PermissionDenied

from lianxin.core.errors_domain import DomainError

STATUS_BY_CODE = {"invalid": 400, "forbidden": 403, "not_found": 404, "invalid_state": 409}


def error_status(error: DomainError) -> int:
    return STATUS_BY_CODE.get(error.code, 400)


def form_error(form, error: DomainError) -> int:
    """Put the service's Chinese message on its field (or the whole form) and give the page's status."""
    form.add_error(error.field if error.field in form.fields else None, error.message)
    return error_status(error)


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied
