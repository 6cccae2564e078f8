"""Volunteering on the workbench: the registrations waiting for the staff's decision."""

from lianxin.core.workbench import WorkbenchPanel, workbench_panel_register
from lianxin.volunteering.permissions import is_staff


def vetting_panel(*, user) -> dict | None:
    if not is_staff(user):
        return None
    from lianxin.volunteering.selectors import pending_count

    pending = pending_count(user=user)
    return {"pending": pending} if pending else None


def callouts_panel(*, user) -> dict | None:
    """A volunteer's call-outs still waiting for his answer."""
    if not user.is_authenticated or not user.person_id:
        return None
    from lianxin.volunteering.selectors import callouts_mine

    waiting = [c for c in callouts_mine(user=user) if not c.my_answer]
    return {"waiting": waiting[:5], "count": len(waiting)} if waiting else None


def register() -> None:
    workbench_panel_register(
        WorkbenchPanel(
            "volunteer_callouts",
            "volunteering/_workbench_callouts.html",
            callouts_panel,
            order=55,
            region="grid",
        )
    )
    workbench_panel_register(
        WorkbenchPanel(
            "volunteer_vetting",
            "volunteering/_workbench_vetting.html",
            vetting_panel,
            order=60,
            region="grid",
        )
    )
