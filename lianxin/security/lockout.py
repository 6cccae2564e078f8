"""Sign-in failure handling with django-axes: what counts as "the same account", and the refusal page."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from lianxin.core import crypto


def login_key(request, credentials) -> str:
    """The account a sign-in attempt is counted against.

    An account name as typed; a mobile number (however it is typed) as the account it signs in, so that
    "138 0000 0004" and "13800000004" share one count; a number no account uses as a keyed hash of it, so
    that no number is ever stored in the attempts table or the logs.
    """
    from lianxin.people.backends import UsernameOrMobileBackend
    from lianxin.people.models import is_mobile, normalise_mobile

    typed = ((credentials or {}).get("username") or "").strip()
    if not typed or not is_mobile(typed):
        return typed[:150]
    user = UsernameOrMobileBackend._find(typed)
    if user is not None:
        return user.username
    return "mobile:" + crypto.blind_index(normalise_mobile(typed), purpose="login.mobile")[:24]


def failures_clear_own(sender, request, user, **kwargs):
    """On a successful sign-in, clear that account's own failures, and no one else's.

    Failures count per account and, separately, per address; a success from an address says nothing about
    the other accounts tried from it, so their failures (and the address's count of them) stay. The
    security administrator clears any of them on the lockout page.
    """
    from axes.models import AccessAttempt

    AccessAttempt.objects.filter(username=user.get_username()).delete()


def lockout_response(request, original_response=None, credentials=None):
    """429 with one Chinese message, whether or not the account exists."""
    from django.conf import settings

    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    message = _(
        "Too many failed sign-in attempts. Sign-in is locked for %(minutes)d minutes; try again later, or "
        "ask your security administrator to unlock it."
    ) % {"minutes": minutes}
    return render(request, "security/locked_out.html", {"message": message}, status=429)
