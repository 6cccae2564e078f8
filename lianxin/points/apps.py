from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PointsConfig(AppConfig):
    name = "lianxin.points"
    label = "points"
    verbose_name = _("Points")

    def ready(self):
        from lianxin.points import figures, navigation, shops, workbench

        # Not audit-registered: the ledger is its own trail (immutable entries, each with its actor).
        shops.register()
        figures.register()
        navigation.register()
        workbench.register()
