from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "lianxin.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from lianxin.core.navigation import NavItem, nav_register
        from lianxin.core.rights import capability_register, may
        from lianxin.core.scope import VIEW
        from lianxin.notifications import case_notices, workbench
        from lianxin.people.roles import STAFF_ROLES, WORKER_ROLES, Role

        capability_register(
            "notice.push", roles=STAFF_ROLES | WORKER_ROLES, label=_("push notices to the people one serves")
        )
        capability_register(
            "notice.pool",
            roles=STAFF_ROLES | {Role.GRID_WORKER},
            label=_("hear of the cases sent to one's level"),
            action=VIEW,
        )

        workbench.register()
        case_notices.register()
        nav_register(NavItem("inbox", _("Inbox"), "notifications:inbox", "account", icon="bell", order=790))
        nav_register(
            NavItem(
                "notices",
                _("Push notices"),
                "notifications:notices",
                "work",
                icon="bell",
                order=480,
                visible=lambda user: may(user, "notice.push"),
            )
        )
