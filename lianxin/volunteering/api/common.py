"""What the volunteering API's routers share."""

from django.core.exceptions import PermissionDenied

from lianxin.volunteering.models import RegistrationStatus


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def status_value(status: str) -> str:
    return status if status in RegistrationStatus.values else ""
