from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartyConfig(AppConfig):
    name = "lianxin.party"
    label = "party"
    verbose_name = _("Party organisations")

    def ready(self):
        # The territory's party-building figures and links are for the staff who serve its residents.
        from lianxin.areas.selectors import user_serves_residents
        from lianxin.core.navigation import NavItem, nav_register
        from lianxin.party import workbench
        from lianxin.party.views.orgs import user_has_party_scope

        workbench.register()
        from lianxin.party.rights import rights_register

        rights_register()
        from lianxin.party.figures import alliance_deals

        alliance_deals.register()

        nav_register(
            NavItem(
                "party",
                _("Party organisations"),
                "party:index",
                "work",
                icon="flag",
                order=220,
                visible=user_has_party_scope,
            )
        )
        nav_register(
            NavItem(
                "coverage",
                _("Organisation coverage"),
                "coverage:report",
                "work",
                icon="flag",
                order=230,
                visible=user_serves_residents,
            )
        )
        nav_register(
            NavItem(
                "alliances",
                _("Industry-chain alliances"),
                "party:alliances",
                "work",
                icon="flag",
                order=225,
                visible=user_has_party_scope,
            )
        )
        nav_register(
            NavItem(
                "courier_links",
                _("Couriers and their grid workers"),
                "party:courier_links",
                "work",
                icon="flag",
                order=235,
                visible=user_serves_residents,
            )
        )
        nav_register(
            NavItem(
                "territory_figures",
                _("Organisation and staffing figures"),
                "coverage:figures",
                "work",
                icon="flag",
                order=240,
                visible=user_serves_residents,
            )
        )
        # The alliances whose lists the user keeps (a lead) or files on (a member enterprise's contact).
        from lianxin.party.services.alliance_lists import lists_reachable

        nav_register(
            NavItem(
                "alliance_lists",
                _("Alliance lists"),
                "party:alliance_lists_home",
                "work",
                icon="flag",
                order=227,
                visible=lists_reachable,
            )
        )
        for key, label, url, order in (
            ("industry_chains", _("Key industry chains"), "party:chains", 222),
            ("member_posts", _("Member model posts and responsibility areas"), "party:member_posts", 224),
            ("secretary_studios", _("Secretary studios"), "party:studios", 226),
            (
                "property_companies",
                _("Property companies and their party organisations"),
                "party:property_companies",
                228,
            ),
        ):
            nav_register(
                NavItem(key, label, url, "work", icon="flag", order=order, visible=user_has_party_scope)
            )
