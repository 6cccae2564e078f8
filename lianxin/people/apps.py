from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "lianxin.people"
    label = "people"
    verbose_name = _("People and accounts")

    def ready(self):
        from lianxin.areas.selectors import user_serves_residents
        from lianxin.audit.registry import audit_register
        from lianxin.core.context import context_provider_register
        from lianxin.people.selectors import held_build

        # The core's per-request user context asks this app for a user's posts: what each opens (scope), its
        # role and area (the rights table) and its label (the top bar).
        context_provider_register(held_build)
        from lianxin.people.rights import rights_register

        rights_register()
        from lianxin.people.models.staff_category import StaffCategoryChange

        audit_register(StaffCategoryChange, repr=False)
        from lianxin.core.navigation import NavItem, nav_register
        from lianxin.people.models.support import Support

        audit_register(Support, repr=False)

        # Without a post that serves residents a user sees only his own record: a list of one.
        nav_register(
            NavItem(
                "persons",
                _("Persons"),
                "people:search",
                "work",
                icon="users",
                order=210,
                visible=user_serves_residents,
            )
        )
        nav_register(NavItem("me", _("Me"), "me", "account", icon="user", tab=True, order=800))
        nav_register(NavItem("my_data", _("My data"), "my_data", "account", order=805))
        nav_register(
            NavItem(
                "corrections",
                _("Correction requests"),
                "people:corrections",
                "work",
                icon="users",
                order=215,
                visible=user_serves_residents,
            )
        )
        nav_register(
            NavItem(
                "landless",
                _("Landless residents"),
                "people:landless",
                "work",
                icon="users",
                order=216,
                visible=user_serves_residents,
            )
        )
        nav_register(
            NavItem("password_change", _("Change password"), "password_change", "account", order=810)
        )
