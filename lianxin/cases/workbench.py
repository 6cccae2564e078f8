"""The cases' blocks on the workbench (lianxin.core.workbench): what waits on the user, for those whose
posts handle cases, and the cases he raised, for everyone."""

from lianxin.cases.models.enums import OPEN_STATES
from lianxin.cases.selectors import my_queue, my_reports
from lianxin.core.rights import may
from lianxin.core.workbench import WorkbenchPanel, workbench_panel_register

PREVIEW = 5
_RELATED = ("category", "area")


def todo_panel(*, user) -> dict | None:
    if not may(user, "case.handle"):
        return None
    queue = my_queue(user=user)
    todo = list(queue.select_related(*_RELATED)[:PREVIEW])
    # Counted only when the preview is full: a short list is its own count.
    return {"todo": todo, "todo_count": queue.count() if len(todo) == PREVIEW else len(todo)}


def reports_panel(*, user) -> dict:
    reports = my_reports(user=user)
    shown = list(reports.select_related(*_RELATED)[:PREVIEW])
    open_count = reports.filter(state__in=OPEN_STATES).count() if shown else 0
    return {"reports": shown, "reports_open": open_count}


def register() -> None:
    workbench_panel_register(
        WorkbenchPanel("cases_todo", "cases/_workbench_todo.html", todo_panel, order=10, region="grid")
    )
    workbench_panel_register(
        WorkbenchPanel(
            "cases_reports", "cases/_workbench_reports.html", reports_panel, order=20, region="grid"
        )
    )
