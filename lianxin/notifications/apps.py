from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "lianxin.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from lianxin.cases.permissions import is_worker
        from lianxin.core.navigation import NavItem, nav_register
        from lianxin.notifications import case_notices, workbench

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
                visible=is_worker,
            )
        )
