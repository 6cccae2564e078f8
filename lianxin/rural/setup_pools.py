"""What the pools part registers from AppConfig.ready(): its capabilities (funds and commitments:
county_admin; the cluster's cadres and activities: the township secretary and the joint committee leader),
audit of every pool record, navigation and the workbench panel "资金池"."""


def ready() -> None:
    from django.utils.translation import gettext_lazy as _

    from lianxin.audit.registry import audit_register
    from lianxin.core.rights import capability_register
    from lianxin.people.roles import Role
    from lianxin.rural import models
    from lianxin.rural.permissions import JOINT_COMMITTEE_LEADER
    from lianxin.rural.services.pools import FUND_MANAGE, POOLS_MANAGE

    capability_register(
        FUND_MANAGE, roles={Role.ORG_ADMIN}, label=_("keep the fund pools and funding commitments")
    )
    capability_register(
        POOLS_MANAGE,
        roles={Role.ORG_ADMIN, Role.SECRETARY, Role.DEPUTY_SECRETARY, JOINT_COMMITTEE_LEADER},
        label=_("deploy a cluster's cadres and hold its joint activities"),
    )
    for model in (
        models.Fund,
        models.FundEntry,
        models.FundCommitment,
        models.Tranche,
        models.CadreDeployment,
        models.ClusterActivity,
        models.ClusterAttendance,
    ):
        audit_register(model, repr=model is not models.ClusterAttendance)
    # Area moves (areas.services.area_move) rewrite every stored copy of a path listed here.
    from lianxin.areas.services import AREA_PATH_COPIES

    for label in (
        "rural.Fund",
        "rural.FundEntry",
        "rural.FundCommitment",
        "rural.Tranche",
        "rural.CadreDeployment",
        "rural.ClusterActivity",
        "rural.ClusterAttendance",
    ):
        if (label, "area_path") not in AREA_PATH_COPIES:
            AREA_PATH_COPIES.append((label, "area_path"))
    _navigation()
    _workbench()
    from lianxin.areas.sections import area_section_register
    from lianxin.rural.views.pools import branch_section

    area_section_register(branch_section, name="rural.pools.activities")


def _navigation() -> None:
    from django.utils.translation import gettext_lazy as _

    from lianxin.core.navigation import NavItem, nav_register
    from lianxin.rural.views.pools import sees_pools

    nav_register(
        NavItem("rural_pools", _("Pools"), "rural:pools", "work", "list", order=120, visible=sees_pools)
    )


def _workbench() -> None:
    from lianxin.core.workbench import WorkbenchPanel, workbench_panel_register

    workbench_panel_register(
        WorkbenchPanel("rural_funds", "rural/pools/_workbench.html", funds_panel, order=75, region="grid")
    )


def funds_panel(*, user) -> dict | None:
    """The live panel "资金池" for the county admin: each fund's balance, live from its entries, and the
    tranches due or overdue."""
    from lianxin.rural.selectors.pools import funds_figures, funds_for, tranches_due
    from lianxin.rural.views.pools import keeps_funds

    if not keeps_funds(user):
        return None
    rows = funds_for(user)
    if not rows:
        return None
    due = list(tranches_due(user=user)[:5])
    return {"rows": rows[:8], "figures": funds_figures(rows), "due": due, "more": max(0, len(rows) - 8)}
