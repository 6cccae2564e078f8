from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    name = "lianxin.dashboard"
    label = "dashboard"
    verbose_name = _("Dashboard")

    def ready(self):
        from lianxin.core.navigation import NavItem, nav_register
        from lianxin.dashboard.selectors import user_has_dashboard

        nav_register(
            NavItem(
                "dashboard",
                _("Dashboard"),
                "dashboard:index",
                "work",
                icon="map",
                order=50,
                visible=user_has_dashboard,
            )
        )
        nav_register(
            NavItem(
                "bulletins",
                _("Weekly bulletins"),
                "dashboard:bulletins",
                "work",
                icon="inbox",
                order=55,
                visible=user_has_dashboard,
            )
        )
