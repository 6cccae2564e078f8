"""How the API knows who is calling: a personal token (``Authorization: Bearer lx_…``) or, for the pages'
own calls, the signed-in session with its CSRF token on every unsafe method.

Either way ``request.user`` is the person whose posts decide what the call may see (``restrict``), so a
token can never reach more than its owner could on the pages.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_ipv46_address
from django.utils.translation import gettext as _
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from lianxin.core.api_errors import ApiError
from lianxin.tokens.services import TokenRefused, token_authenticate

SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")


def _refusal(code: str) -> ApiError:
    messages = {
        "invalid": _("This API token is not valid. Check that it was copied whole."),
        "expired": _("This API token has expired. Create a new one on the API tokens page."),
        "revoked": _("This API token has been revoked. Create a new one on the API tokens page."),
        "account_inactive": _("The account this API token belongs to is disabled."),
    }
    return ApiError(401, f"token_{code}" if code != "account_inactive" else code, messages[code])


def _client_ip(request) -> str | None:
    ip = request.META.get("REMOTE_ADDR") or ""
    try:
        validate_ipv46_address(ip)
    except ValidationError:
        return None
    return ip


class TokenAuth(HttpBearer):
    """A personal API token in the Authorization header. A token that is presented but refused ends the
    call with 401 at once: a program must learn that its token expired, not fall back to something else."""

    def authenticate(self, request, token: str):
        from django.conf import settings

        from lianxin.core.ratelimit import rate_limit_hit
        from lianxin.tokens.models import secret_hash

        # Per address first (guessing tokens from one place), then per token (one program's volume).
        rate_limit_hit(
            request,
            "api_token_ip",
            key="ip:" + (_client_ip(request) or ""),
            rate=settings.RATE_LIMITS["api_token_ip"],
        )
        rate_limit_hit(
            request,
            "api_token",
            key="token:" + secret_hash(token.strip())[:32],
            rate=settings.RATE_LIMITS["api_token"],
        )
        try:
            api_token = token_authenticate(secret=token.strip(), ip=_client_ip(request))
        except TokenRefused as refused:
            raise _refusal(refused.code) from None
        request.user = api_token.user
        request.api_token = api_token
        return api_token.user


class SessionAuth(APIKeyCookie):
    """The signed-in page session. CSRF is checked on unsafe methods only once the session is known to be
    signed in, so an anonymous POST is told to sign in (401) rather than that its CSRF token is missing."""

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self):
        super().__init__(csrf=False)

    def authenticate(self, request, key):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_active:
            return None
        if request.method not in SAFE_METHODS and check_csrf(request) is not None:
            raise ApiError(403, "csrf_failed", _("The security check failed. Reload the page and try again."))
        return user
