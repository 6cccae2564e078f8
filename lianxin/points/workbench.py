"""The points' word on the workbench (lianxin.core.workbench), beside the date: a person's points once he
has any, and for shop staff the codes waiting at their shop."""

from lianxin.core.workbench import WorkbenchPanel, workbench_panel_register
from lianxin.points.models import RedemptionState
from lianxin.points.selectors import account_of, balance_of, redemptions_of_shops
from lianxin.points.shops import is_shop_staff


def points_panel(*, user) -> dict | None:
    panel = {}
    if account_of(user.person) is not None:
        panel["balance"] = balance_of(user.person)
    if is_shop_staff(user):
        panel["waiting"] = redemptions_of_shops(user).filter(state=RedemptionState.PENDING).count()
    return panel or None


def register() -> None:
    workbench_panel_register(
        WorkbenchPanel("points", "points/_workbench.html", points_panel, order=50, region="head")
    )
