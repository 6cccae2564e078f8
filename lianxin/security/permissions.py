"""三员分立: what each administrator role may do, in one table. Django's superuser flag, groups and
per-user permissions open nothing (``lianxin.people.models.User.has_perm``): an account's permissions are
exactly those of the administrator role its post carries, and no account holds two of these roles
(``lianxin.security.services.post_check_admin_roles``).

- the system administrator configures (dictionaries, departments, organisations, the territory tree) and
  manages accounts, but reads neither the audit trail nor residents' personal data;
- the security administrator manages posts (who holds which role), lockouts, second factors and sessions;
- the audit administrator only reads and exports the audit trail (on the audit pages).
"""

from django.contrib.auth.backends import BaseBackend

from lianxin.people.roles import Role


def _crud(*labels, actions=("view", "add", "change", "delete")) -> set[str]:
    perms = set()
    for label in labels:
        app, model = label.split(".")
        perms |= {f"{app}.{action}_{model}" for action in actions}
    return perms


ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.SYSTEM_ADMIN: frozenset(
        _crud(
            "areas.householdtag",
            "areas.placedesignation",
            "people.persontag",
            "people.department",
            "people.organisation",
            "cases.category",
            "cases.devolvedmatter",
            "cases.calendarday",
            "party.chaincategory",
        )
        | _crud("people.user", actions=("view", "add", "change"))
        # External systems and their Open311 keys (keys are issued by an action, never added by hand).
        | _crud("open311.externalsystem", actions=("view", "add", "change"))
        | _crud("open311.apikey", actions=("view", "change"))
        | {"open311.view_open311request"}
    ),
    Role.SECURITY_ADMIN: frozenset(
        # Posts are ended, never deleted (who held what, when, stays); business posts are not his.
        _crud("people.post", actions=("view", "add", "change"))
        | {"people.view_user"}
        | _crud("otp_totp.totpdevice", "otp_static.staticdevice", actions=("view", "delete"))
        | _crud("security.usersession", actions=("view", "delete"))
        | {"axes.view_accessattempt", "axes.delete_accessattempt"}
    ),
    Role.AUDIT_ADMIN: frozenset({"audit.view_auditrecord"}),
}


class RolePermissionBackend(BaseBackend):
    """Permissions from the account's current administrator role; authenticates nobody."""

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous:
            return set()
        from lianxin.security.policy import user_roles

        perms = set()
        for role in user_roles(user_obj):
            perms |= ROLE_PERMISSIONS.get(role, frozenset())
        return perms

    def has_perm(self, user_obj, perm, obj=None):
        return perm in self.get_all_permissions(user_obj, obj)

    def has_module_perms(self, user_obj, app_label):
        return any(p.startswith(f"{app_label}.") for p in self.get_all_permissions(user_obj))
