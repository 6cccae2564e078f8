import structlog
from django.core.exceptions import ValidationError
from django.core.validators import validate_ipv46_address

from lianxin.audit.context import AuditContext, audit_context_reset, audit_context_set


def client_ip(request) -> str | None:
    """The client's address as the sign-in lockout sees it (django-axes/ipware, proxy-aware by setting)."""
    ip = getattr(request, "axes_ip_address", None)
    if not ip:
        from axes.helpers import get_client_ip_address

        ip = get_client_ip_address(request)
    try:
        validate_ipv46_address(ip or "")
    except ValidationError:
        return None
    return ip


class AuditContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = structlog.contextvars.get_contextvars().get("request_id", "")
        token = audit_context_set(
            AuditContext(
                user=getattr(request, "user", None), ip=client_ip(request), request_id=str(request_id)
            )
        )
        try:
            return self.get_response(request)
        finally:
            audit_context_reset(token)
