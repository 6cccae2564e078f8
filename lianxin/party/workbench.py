"""The party's block on the workbench (lianxin.core.workbench): who serves the user's own household."""

from lianxin.core.workbench import WorkbenchPanel, workbench_panel_register
from lianxin.party.households import household_helpers


def helpers_panel(*, user) -> dict | None:
    helpers = household_helpers(user=user)
    if not helpers["member_households"] and not helpers["liaison"]:
        return None
    return helpers


def register() -> None:
    workbench_panel_register(
        WorkbenchPanel(
            "household_helpers", "party/_workbench_helpers.html", helpers_panel, order=30, region="grid"
        )
    )
