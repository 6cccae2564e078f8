"""What the land part registers from AppConfig.ready(): its capabilities, figures, import kind, menu entries,
the workbench panel 集体收入 and the audit of its models."""

from django.utils.translation import gettext_lazy as _

# Who records collective income and land: the village and township secretaries (and the cadres working a
# village as its own: seconded and first secretaries), and the county's organisation department.
RECORDER_ROLES = frozenset({"secretary", "org_admin", "seconded_secretary", "first_secretary"})


def may_record_income(user) -> bool:
    from lianxin.core.rights import may
    from lianxin.rural.services.land import INCOME_RECORD

    return may(user, INCOME_RECORD)


def may_record_land(user) -> bool:
    from lianxin.core.rights import may
    from lianxin.rural.services.land import LAND_RECORD

    return may(user, LAND_RECORD)


def ready() -> None:
    from lianxin.audit.registry import audit_register
    from lianxin.core.navigation import NavItem, nav_register
    from lianxin.core.rights import capability_register
    from lianxin.core.workbench import WorkbenchPanel, workbench_panel_register
    from lianxin.rural import figures_land, imports_land
    from lianxin.rural.models import (
        CollectiveIncome,
        CollectiveIncomeCorrection,
        Consolidation,
        FarmlandRecord,
        LandContract,
        RuralIncomeFigure,
    )
    from lianxin.rural.services.land import INCOME_RECORD, LAND_RECORD, PER_CAPITA_RECORD

    capability_register(INCOME_RECORD, roles=RECORDER_ROLES, label=_("record villages' collective income"))
    capability_register(
        LAND_RECORD, roles=RECORDER_ROLES, label=_("record farmland, land contracts and consolidations")
    )
    capability_register(
        PER_CAPITA_RECORD, roles={"org_admin"}, label=_("record rural per-capita disposable income")
    )
    figures_land.register()
    imports_land.register()
    for model in (
        CollectiveIncome,
        CollectiveIncomeCorrection,
        RuralIncomeFigure,
        FarmlandRecord,
        LandContract,
        Consolidation,
    ):
        audit_register(model)
    nav_register(
        NavItem(
            "rural_income",
            _("Collective income"),
            "rural:income",
            "work",
            "chart",
            order=92,
            visible=may_record_income,
        )
    )
    nav_register(
        NavItem(
            "rural_land",
            _("Land transfer and trusteeship"),
            "rural:land",
            "work",
            "map",
            order=93,
            visible=may_record_land,
        )
    )
    from lianxin.rural.views.land import income_panel

    workbench_panel_register(
        WorkbenchPanel("rural_income", "rural/land/_workbench.html", income_panel, order=75, region="grid")
    )
