"""What the industry part registers from AppConfig.ready(): the capability to record projects, parks and
brands; audit of its records; the menu (产业项目, 园区与产业带, 农产品品牌, 全产业链, 实训基地); the territory
table "产业发展" on /coverage/figures/ (its Excel and GET /api/v1/territory-figures/)."""


def ready() -> None:
    from django.utils.translation import gettext_lazy as _

    from lianxin.audit.registry import audit_register
    from lianxin.core.rights import capability_register
    from lianxin.people.roles import Role
    from lianxin.rural import models
    from lianxin.rural.permissions import JOINT_COMMITTEE_LEADER, TASK_FORCE_HEAD
    from lianxin.rural.services.industry import INDUSTRY_RECORD

    capability_register(
        INDUSTRY_RECORD,
        roles={
            Role.ORG_ADMIN,
            Role.SECRETARY,
            Role.DEPUTY_SECRETARY,
            JOINT_COMMITTEE_LEADER,
            TASK_FORCE_HEAD,
        },
        label=_("record industry projects, parks, belts and brands"),
    )
    for model in (models.Project, models.Beneficiary, models.Park, models.Brand):
        audit_register(model)
    _navigation()
    _territory()


def sees_industry(user) -> bool:
    from lianxin.rural.views.industry import sees_industry as sees

    return sees(user)


def _navigation() -> None:
    from django.utils.translation import gettext_lazy as _

    from lianxin.core.navigation import NavItem, nav_register

    items = [
        ("rural_projects", _("Industry projects"), "rural:projects", "list", 94),
        ("rural_parks", _("Parks and belts"), "rural:parks", "map", 95),
        ("rural_brands", _("Agricultural brands"), "rural:brands", "list", 96),
        ("rural_chain_links", _("Full industry chains"), "rural:chain_links", "list", 97),
        ("rural_training_bases", _("Training bases"), "rural:training_bases", "map", 98),
    ]
    for key, label, url_name, icon, order in items:
        nav_register(NavItem(key, label, url_name, "work", icon, order=order, visible=sees_industry))


def industry_table(*, user, root=None, since=None, until=None):
    """产业发展: projects by stage, the bases' sums, parks (new since last year), brands, full chains and
    training bases, within the user's scope under ``root``: the same selectors as the pages."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from lianxin.rollups.tables import Row
    from lianxin.rural.selectors import industry as sel

    projects = sel.project_figures(sel.projects_for(user=user, root=root))
    parks = sel.park_figures(sel.parks_for(user=user, root=root))
    brands = sel.brand_figures(sel.brands_for(user=user, root=root))
    chains = sel.chain_figures(sel.chains_for(user=user, root=root))
    bases = sel.training_base_figures(sel.training_bases_for(user=user, root=root))
    rows = [Row(_("Industry projects"), projects["count"], url=reverse("rural:projects"))]
    rows += [Row(str(label), n) for _code, label, n in projects["by_stage"]]
    rows += [
        Row(_("Industrial bases"), projects["bases"]["count"]),
        Row(_("Investment in bases (yuan)"), projects["bases"]["investment"]),
        Row(_("Output value of bases (yuan)"), projects["bases"]["output_value"]),
        Row(_("Collective-income gain of bases (yuan)"), projects["bases"]["collective_income_gain"]),
        Row(
            _("People drawn in"),
            projects["beneficiaries"],
            note=_("mean annual increase %(m)s yuan") % {"m": projects["mean_increase"]},
        ),
        Row(
            _("Parks and belts"),
            parks["count"],
            note=_("new since %(d)s: %(n)s") % {"d": parks["since"], "n": parks["new"]},
            url=reverse("rural:parks"),
        ),
        Row(_("Agricultural brands"), brands["count"], url=reverse("rural:brands")),
        Row(
            _("Full industry chains"),
            chains["full"],
            note=_("of %(n)s chains") % {"n": chains["count"]},
            url=reverse("rural:chain_links"),
        ),
        Row(_("Training bases"), bases["count"], url=reverse("rural:training_bases")),
    ]
    return rows


def _territory() -> None:
    from django.utils.translation import gettext_lazy as _

    from lianxin.rollups.tables import TerritoryTable, territory_table_register

    territory_table_register(
        TerritoryTable("rural.industry", _("Industry development"), industry_table, order=820)
    )
