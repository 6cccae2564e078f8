"""Who must do what to get in: the roles an account holds, whether it is staff, whether it needs a second
factor. Computed once per request (cached on the user object)."""

from django.conf import settings

from lianxin.people.roles import ADMIN_ROLES, Role


def user_roles(user) -> frozenset[str]:
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_lianxin_roles", None)
    if cached is None:
        from lianxin.people.selectors import user_posts_now

        cached = frozenset(post.role for post in user_posts_now(user=user))
        user._lianxin_roles = cached
    return cached


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


def user_holds(user, role: Role) -> bool:
    return role in user_roles(user)


def user_opens_admin_site(user) -> bool:
    """The configuration site (Django admin) opens for the system and security administrators only."""
    return bool(user_roles(user) & {Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN})
