from django.contrib import admin
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Lianxin configuration")
admin.site.site_title = _("Lianxin")
admin.site.index_title = _("Configuration")


# Who opens the configuration site is the security app's rule: it registers it from its AppConfig.ready()
# (admin_site_gate_register), so the core imports no app. With none registered the site opens for nobody.
_opens_admin_site = None


def admin_site_gate_register(opens) -> None:
    """Set the one function ``opens(user) -> bool`` deciding who may open the configuration site."""
    global _opens_admin_site
    _opens_admin_site = opens


def _admin_site_permission(request) -> bool:
    """三员分立: the configuration site opens for the system and security administrators only (each sees
    the models its role grants, lianxin.security.permissions); the audit administrator uses the audit
    pages. Neither the staff nor the superuser flag opens it."""
    opens = _opens_admin_site
    return request.user.is_active and opens is not None and opens(request.user)


def _admin_login(request, extra_context=None):
    # One sign-in page for the whole platform (lockout, second factor, password policy all apply there).
    from django.contrib.auth.views import redirect_to_login
    from django.core.exceptions import PermissionDenied

    if request.user.is_authenticated:
        raise PermissionDenied
    return redirect_to_login(request.GET.get("next") or request.get_full_path())


admin.site.has_permission = _admin_site_permission
admin.site.login = _admin_login
