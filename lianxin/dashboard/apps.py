from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    name = "lianxin.dashboard"
    label = "dashboard"
    verbose_name = _("Dashboard")

    def ready(self):
        from lianxin.core.navigation import NavItem, nav_register
        from lianxin.core.rights import capability_register
        from lianxin.core.scope import VIEW
        from lianxin.core.workbench import WorkbenchPanel, workbench_panel_register
        from lianxin.dashboard.leaders import leaders_panel
        from lianxin.dashboard.selectors import user_has_dashboard
        from lianxin.people.roles import STAFF_ROLES

        # Leaders open the platform on their area's figures and what waits on them (issue 19).
        capability_register(
            "dashboard.lead",
            roles=STAFF_ROLES,
            label=_("open the workbench on the figures of the level one leads"),
            action=VIEW,
        )
        workbench_panel_register(
            WorkbenchPanel("leaders", "dashboard/_leaders_panel.html", leaders_panel, order=10)
        )

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
