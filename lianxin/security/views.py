"""Second factor (verify, enrol, recovery codes), one's own sessions, and the security administrator's
lockout page."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from lianxin.audit.models import Action
from lianxin.audit.services import audit_record
from lianxin.core.ratelimit import rate_limit
from lianxin.core.rights import may
from lianxin.security.models import UserSession
from lianxin.security.services import (
    lockout_clear,
    recovery_codes_issue,
    session_renew,
    sessions_revoke_all,
)

OTP_DEVICE_NAME = "authenticator"


def _next(request, default="home"):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default


@never_cache
@login_required
@rate_limit("otp", key="user", rate="10/m")
@require_http_methods(["GET", "POST"])
def otp_verify(request):
    import django_otp

    error = None
    if request.method == "POST":
        code = "".join(request.POST.get("code", "").split())
        device = django_otp.match_token(request.user, code) if code else None
        if device is not None:
            django_otp.login(request, device)
            session_renew(request=request)
            return redirect(_next(request))
        audit_record(action=Action.OTP_FAILED, obj=request.user)
        error = _("The code is not correct, or it has expired. Enter the code your authenticator shows now.")
    return render(
        request,
        "security/otp_verify.html",
        {"error": error, "next": _next(request, "")},
        status=400 if error else 200,
    )


@never_cache
@login_required
@rate_limit("otp", key="user", rate="10/m")
@require_http_methods(["GET", "POST"])
def otp_setup(request):
    """Enrol an authenticator app: scan the QR code (or type the key), confirm with one code, keep the
    recovery codes. An account that already has a confirmed authenticator verifies instead."""
    import segno
    from django_otp import login as otp_login
    from django_otp import user_has_device
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = request.user
    if user_has_device(user, confirmed=True) and not user.is_verified():
        return redirect("otp_verify")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=OTP_DEVICE_NAME, confirmed=False)
    error = None
    if request.method == "POST":
        code = "".join(request.POST.get("code", "").split())
        if code and device.verify_token(code):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
            otp_login(request, device)
            session_renew(request=request)
            codes = recovery_codes_issue(user=user)
            audit_record(action=Action.OTP_ENROLLED, obj=user)
            return render(
                request, "security/otp_recovery_codes.html", {"codes": codes, "next": _next(request)}
            )
        error = _("The code is not correct. Check the time on your phone and enter the code shown now.")
    uri = device.config_url
    context = {
        "qr": segno.make(uri, error="m").svg_data_uri(scale=4),
        "secret": _base32(device.bin_key),
        "error": error,
        "next": _next(request, ""),
    }
    return render(request, "security/otp_setup.html", context, status=400 if error else 200)


def _base32(key: bytes) -> str:
    import base64

    text = base64.b32encode(key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


@never_cache
@login_required
@require_POST
def recovery_codes_new(request):
    if not request.user.is_verified():
        raise PermissionDenied
    codes = recovery_codes_issue(user=request.user)
    return render(
        request, "security/otp_recovery_codes.html", {"codes": codes, "next": "/accounts/sessions/"}
    )


@never_cache
@login_required
def session_list(request):
    sessions = UserSession.objects.filter(user=request.user)
    return render(
        request,
        "security/sessions.html",
        {"sessions": sessions, "current": request.session.session_key, "has_otp": request.user.is_verified()},
    )


@login_required
@require_POST
def sessions_sign_out_all(request):
    """One click ends every session of the account, this one included."""
    user = request.user
    sessions_revoke_all(actor=user, user=user)
    logout(request)
    messages.info(request, _("All your sessions have been signed out, on every device."))
    return redirect("login")


def _security_admin(request):
    if not request.user.is_authenticated:
        return False
    if not may(request.user, "account.unlock"):
        raise PermissionDenied
    return True


@never_cache
@login_required
def lockout_list(request):
    from axes.models import AccessAttempt
    from django.conf import settings

    _security_admin(request)
    attempts = AccessAttempt.objects.order_by("-attempt_time")[:200]
    limit = settings.AXES_FAILURE_LIMIT
    return render(request, "security/lockouts.html", {"attempts": attempts, "limit": limit})


@login_required
@require_POST
def lockout_unlock(request):
    _security_admin(request)
    username = request.POST.get("username", "").strip()[:150]
    ip = request.POST.get("ip", "").strip()[:45]
    count = lockout_clear(actor=request.user, username=username, ip=ip)
    if count:
        messages.success(request, _("The lockout has been lifted."))
    else:
        messages.info(request, _("Nothing was locked for that account or address."))
    return redirect("security:lockouts")
