"""The notifications' word on the workbench (lianxin.core.workbench): the unread count beside the date."""

from lianxin.core.workbench import WorkbenchPanel, workbench_panel_register
from lianxin.notifications.selectors import notification_unread_count


def unread_panel(*, user) -> dict | None:
    unread = notification_unread_count(user=user)
    return {"unread": unread} if unread else None


def register() -> None:
    workbench_panel_register(
        WorkbenchPanel("unread", "notifications/_workbench_unread.html", unread_panel, region="head")
    )
