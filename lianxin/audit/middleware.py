import structlog

from lianxin.audit.context import AuditContext, audit_context_reset, audit_context_set
from lianxin.core.middleware import client_ip


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
