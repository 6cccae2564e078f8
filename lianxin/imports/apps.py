from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "lianxin.imports"
    label = "imports"
    verbose_name = _("Imports and exports")

    def ready(self):
        from lianxin.core.navigation import NavItem, nav_register
        from lianxin.core.rights import capability_register
        from lianxin.imports.selectors import user_may_export
        from lianxin.people.roles import ROLE_RULES

        # Importing writes full ID and mobile numbers in bulk: posts that both write and see full numbers
        # (secretaries, committee members, community workers, grid workers, department staff).
        capability_register(
            "imports.run",
            roles={role for role, rule in ROLE_RULES.items() if rule.writes and rule.sees_full_numbers},
            label=_("import rows in bulk"),
        )

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
