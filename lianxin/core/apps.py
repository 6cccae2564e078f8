from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "lianxin.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from lianxin.core.navigation import NavItem, nav_register

        nav_register(NavItem("home", _("Workbench"), "home", "work", icon="home", tab=True, order=0))
        nav_register(
            NavItem(
                "admin",
                _("Configuration"),
                "admin:index",
                "system",
                icon="gear",
                order=900,
                visible=lambda user: user.opens_configuration,
            )
        )
