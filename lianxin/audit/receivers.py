"""Sign-in, sign-out and failed sign-in, from Django's auth signals, into the audit trail."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from lianxin.audit.middleware import client_ip
from lianxin.audit.models import Action
from lianxin.audit.services import audit_record


@receiver(user_logged_in, dispatch_uid="lianxin-audit-login")
def _logged_in(sender, request, user, **kwargs):
    audit_record(action=Action.LOGIN, actor=user, obj=user, ip=client_ip(request) if request else None)


@receiver(user_logged_out, dispatch_uid="lianxin-audit-logout")
def _logged_out(sender, request, user, **kwargs):
    if user is None:
        return
    audit_record(action=Action.LOGOUT, actor=user, obj=user, ip=client_ip(request) if request else None)


@receiver(user_login_failed, dispatch_uid="lianxin-audit-login-failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    from lianxin.security.lockout import login_key

    # The key, not what was typed: a mobile number typed as a login name is not kept in clear.
    key = login_key(request, credentials) if credentials else ""
    audit_record(
        action=Action.LOGIN_FAILED,
        object_type="people.user",
        object_repr=key,
        detail={"login": key},
        ip=client_ip(request) if request else None,
    )
