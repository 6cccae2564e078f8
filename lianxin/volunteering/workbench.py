"""Volunteering on the workbench: the registrations waiting for the staff's decision."""

from lianxin.core.workbench import WorkbenchPanel, workbench_panel_register
from lianxin.volunteering.permissions import is_staff


def vetting_panel(*, user) -> dict | None:
    if not is_staff(user):
        return None
    from lianxin.volunteering.selectors import pending_count

    pending = pending_count(user=user)
    return {"pending": pending} if pending else None


def register() -> None:
    workbench_panel_register(
        WorkbenchPanel(
            "volunteer_vetting",
            "volunteering/_workbench_vetting.html",
            vetting_panel,
            order=60,
            region="grid",
        )
    )
