from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "lianxin.imports"
    label = "imports"
    verbose_name = _("Imports and exports")

    def ready(self):
        from lianxin.core.navigation import NavItem, nav_register
        from lianxin.imports.selectors import user_may_export

        nav_register(
            NavItem(
                "imports",
                _("Import and export"),
                "imports",
                "work",
                icon="inbox",
                order=600,
                # Whoever may import holds a post with a scope, so this cached test covers both.
                visible=lambda user: user_may_export(user=user),
            )
        )
