"""Session and account policy, applied to every signed-in request before any view runs.

SessionPolicyMiddleware: a session ends after SESSION_IDLE_TIMEOUT_* seconds without a request, and after
SESSION_COOKIE_AGE seconds since sign-in however active it is (the session is deleted, not just left).

AccountPolicyMiddleware: an account that needs a second factor sees nothing but the second-factor pages
until it has given one; an account with an initial, reset or expired password sees nothing but the password
page until it has chosen a new one. API calls get the same answers as JSON.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from lianxin.core.api_errors import error_response
from lianxin.security.passwords import password_expired
from lianxin.security.policy import user_is_staff, user_requires_otp

AUTH_AT = "_lx_auth_at"
SEEN_AT = "_lx_seen_at"
# Writing the session on every request costs a write; a minute's precision is enough for a 30-minute limit.
SEEN_PRECISION = 60


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def _uses_token(request) -> bool:
    return request.META.get("HTTP_AUTHORIZATION", "").lower().startswith("bearer ")


class SessionPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            now = time.time()
            session = request.session
            auth_at = session.setdefault(AUTH_AT, now)
            seen_at = session.get(SEEN_AT, now)
            idle = (
                settings.SESSION_IDLE_TIMEOUT_STAFF
                if user_is_staff(user)
                else settings.SESSION_IDLE_TIMEOUT_RESIDENT
            )
            if now - auth_at > settings.SESSION_COOKIE_AGE or now - seen_at > idle:
                logout(request)
                messages.info(
                    request,
                    _("Your session has ended because it was idle or open too long. Please sign in again."),
                )
                if _is_api(request):
                    return error_response(
                        401, "session_expired", _("Your session has ended. Please sign in again.")
                    )
                return redirect(f"{reverse('login')}?next={request.path}")
            if now - seen_at >= SEEN_PRECISION or SEEN_AT not in session:
                session[SEEN_AT] = now
        return self.get_response(request)


# Where an account that still owes a second factor or a new password may go.
_OPEN_FOR_OTP = ("otp_verify", "otp_setup", "logout", "healthz")
_OPEN_FOR_PASSWORD = ("password_change", "logout", "healthz", "otp_verify", "otp_setup")


def _url_name(request) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None:
        from django.urls import Resolver404, resolve

        try:
            match = resolve(request.path_info)
        except Resolver404:
            return ""
    return match.url_name or ""


class AccountPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if not user.is_authenticated or (_is_api(request) and _uses_token(request)):
            return self.get_response(request)
        if request.path.startswith(settings.STATIC_URL):
            return self.get_response(request)
        name = _url_name(request)
        # Verified first: a session past its second factor needs no look at the user's devices.
        if not user.is_verified() and user_requires_otp(user) and name not in _OPEN_FOR_OTP:
            if _is_api(request):
                return error_response(
                    401, "otp_required", _("Give your second factor on the sign-in page first.")
                )
            from django_otp import user_has_device

            target = "otp_verify" if user_has_device(user, confirmed=True) else "otp_setup"
            return redirect(f"{reverse(target)}?next={request.get_full_path()}")
        if (user.must_change_password or password_expired(user)) and name not in _OPEN_FOR_PASSWORD:
            if _is_api(request):
                return error_response(
                    403, "password_change_required", _("Choose a new password on the password page first.")
                )
            return redirect("password_change")
        return self.get_response(request)
