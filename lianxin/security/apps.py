from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "lianxin.security"
    label = "security"
    verbose_name = _("Account security")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in, user_logged_out

        from lianxin.core.admin import admin_site_gate_register
        from lianxin.core.navigation import NavItem, nav_register
        from lianxin.core.rights import capability_register, may
        from lianxin.people.roles import Role
        from lianxin.security import checks  # noqa: F401 - start-up checks of the security settings
        from lianxin.security.lockout import failures_clear_own
        from lianxin.security.policy import user_opens_admin_site

        # 三员分立: what each administrator may do on the configuration site itself is ROLE_PERMISSIONS
        # (security/permissions.py); these say who gets in and who unlocks accounts.
        capability_register(
            "admin_site.open",
            roles={Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN},
            label=_("open the configuration site"),
        )
        capability_register(
            "account.unlock", roles={Role.SECURITY_ADMIN}, label=_("see sign-in lockouts and unlock accounts")
        )

        # 三员分立: the configuration site opens for the system and security administrators only.
        admin_site_gate_register(user_opens_admin_site)
        user_logged_in.connect(_track_session, dispatch_uid="lianxin-session-track")
        user_logged_out.connect(_forget_session, dispatch_uid="lianxin-session-forget")
        user_logged_in.connect(failures_clear_own, dispatch_uid="lianxin-lockout-clear-own")
        nav_register(NavItem("sessions", _("Sessions and security"), "sessions", "account", order=820))
        nav_register(
            NavItem(
                "lockouts",
                _("Sign-in lockouts"),
                "security:lockouts",
                "system",
                icon="user",
                order=930,
                visible=lambda user: may(user, "account.unlock"),
            )
        )


def _track_session(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        from lianxin.security.services import session_track

        session_track(user=user, request=request)


def _forget_session(sender, request, user, **kwargs):
    from lianxin.security.models import UserSession

    key = getattr(getattr(request, "session", None), "session_key", None)
    if key:
        UserSession.objects.filter(session_key=key).delete()
