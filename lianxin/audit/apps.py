from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "lianxin.audit"
    label = "audit"
    verbose_name = _("Audit trail")

    def ready(self):
        from lianxin.audit import receivers  # noqa: F401 - sign-in, sign-out and failure events
        from lianxin.audit.backup import AUDIT_BACKUP_CHECK
        from lianxin.audit.registry import audit_register_defaults
        from lianxin.audit.selectors import user_is_auditor
        from lianxin.core.backup import backup_check_register
        from lianxin.core.navigation import NavItem, nav_register
        from lianxin.core.rights import capability_register
        from lianxin.core.scope import VIEW
        from lianxin.people.roles import Role

        # 三员分立: the audit administrator alone reads the trail.
        capability_register(
            "audit.read", roles={Role.AUDIT_ADMIN}, label=_("read the audit trail"), action=VIEW
        )
        audit_register_defaults()
        # Every backup records the audit chain's head; a restore checks the chain (lianxin.core.backup).
        backup_check_register(AUDIT_BACKUP_CHECK)
        nav_register(
            NavItem(
                "audit",
                _("Audit records"),
                "audit:list",
                "system",
                icon="list",
                order=950,
                visible=user_is_auditor,
            )
        )
