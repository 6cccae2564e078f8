"""Who is acting, from where: set per request by AuditContextMiddleware, read by every audit write."""

import contextvars
from dataclasses import dataclass


@dataclass(frozen=True)
class AuditContext:
    user: object | None = None
    ip: str | None = None
    request_id: str = ""


_NOBODY = AuditContext()
_current: contextvars.ContextVar[AuditContext] = contextvars.ContextVar("lianxin_audit", default=_NOBODY)  # noqa: B039


def audit_context() -> AuditContext:
    return _current.get()


def audit_context_set(context: AuditContext):
    return _current.set(context)


def audit_context_reset(token) -> None:
    _current.reset(token)
