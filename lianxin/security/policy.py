"""Who must do what to get in: the roles an account holds, whether it is staff, whether it needs a second
factor. The roles come from the per-request user context (lianxin.core.context)."""

from django.conf import settings

from lianxin.core.context import user_context
from lianxin.core.rights import may
from lianxin.people.roles import ADMIN_ROLES


def user_roles(user) -> frozenset[str]:
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    return user_context(user).roles


def user_is_staff(user) -> bool:
    """Staff: anyone holding a post. Residents hold none."""
    return bool(user_roles(user))


def user_admin_role(user) -> str | None:
    """The one administrator role (三员) the account holds, if any."""
    held = user_roles(user) & ADMIN_ROLES
    return next(iter(held)) if held else None


def user_requires_otp(user) -> bool:
    """A second factor is required for the configured roles, and for anyone who has enrolled one."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user_roles(user) & set(settings.OTP_REQUIRED_ROLES):
        return True
    from django_otp import user_has_device

    return user_has_device(user, confirmed=True)


def user_opens_admin_site(user) -> bool:
    """The configuration site (Django admin) opens for the system and security administrators only."""
    return may(user, "admin_site.open")
