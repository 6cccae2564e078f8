"""What the workbench (the home page) shows a user: what waits on him, what he raised and where it stands,
his unread messages and, for a resident, the member household and the liaison who serve his household
(P004-19). Each app answers through its own selectors; this module only puts the answers side by side.

Apps may add panels of their own (the dashboard adds the leaders' figures) by registering a
``WorkbenchPanel`` from their AppConfig.ready(): the core imports no app for them."""

from collections.abc import Callable
from dataclasses import dataclass, field

PREVIEW = 5


@dataclass(frozen=True)
class WorkbenchPanel:
    """A block an app adds to the home page, above the user's own lists: ``build(user=…)`` returns the
    template's context (as ``panel``), or None when the panel is not for this user."""

    key: str
    template: str
    build: Callable
    order: int = 100


_panels: dict[str, WorkbenchPanel] = {}


def workbench_panel_register(panel: WorkbenchPanel) -> None:
    _panels[panel.key] = panel


def workbench_panels(*, user) -> list[dict]:
    shown = []
    for panel in sorted(_panels.values(), key=lambda p: (p.order, p.key)):
        context = panel.build(user=user)
        if context is not None:
            shown.append({"key": panel.key, "template": panel.template, "context": context})
    return shown


@dataclass
class Workbench:
    todo: list = field(default_factory=list)
    todo_count: int = 0
    handles_cases: bool = False
    reports: list = field(default_factory=list)
    reports_open: int = 0
    unread: int = 0
    member_households: list = field(default_factory=list)
    liaison: object = None
    panels: list = field(default_factory=list)  # the apps' panels (workbench_panel_register)


def workbench_build(*, user) -> Workbench:
    from lianxin.cases.models.enums import OPEN_STATES
    from lianxin.cases.selectors import my_queue, my_reports
    from lianxin.cases.views.queries import HANDLER_ROLES, has_role
    from lianxin.notifications.selectors import notification_unread_count
    from lianxin.party.households import household_helpers

    bench = Workbench(unread=notification_unread_count(user=user))
    related = ("category", "area")
    if has_role(user, HANDLER_ROLES):
        bench.handles_cases = True
        queue = my_queue(user=user)
        bench.todo = list(queue.select_related(*related)[:PREVIEW])
        bench.todo_count = queue.count() if len(bench.todo) == PREVIEW else len(bench.todo)
    reports = my_reports(user=user)
    bench.reports = list(reports.select_related(*related)[:PREVIEW])
    if bench.reports:
        bench.reports_open = reports.filter(state__in=OPEN_STATES).count()
    helpers = household_helpers(user=user)
    bench.member_households = helpers["member_households"]
    bench.liaison = helpers["liaison"]
    bench.panels = workbench_panels(user=user)
    return bench
