"""What the workbench (the home page) shows a user: what waits on him, what he raised and where it stands,
his unread messages and, for a resident, the member household and the liaison who serve his household
(P004-19). Each app answers through its own selectors; this module only puts the answers side by side.

Every block is a panel an app registers as a ``WorkbenchPanel`` from its AppConfig.ready() (cases: the
to-do list and my cases; notifications: the unread count; party: who serves my household; dashboard: the
leaders' figures), so the core imports no app and a new app adds its block without touching this one."""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class WorkbenchPanel:
    """A block an app adds to the home page, in its region: ``build(user=…)`` returns the template's
    context (as ``panel``), or None when the panel is not for this user."""

    key: str
    template: str
    build: Callable
    order: int = 100
    region: str = "top"


# Where a panel stands on the page: "head" inline in the greeting's line (the unread count), "top" full
# width above the lists (the leaders' figures), "grid" a card among the two-column lists.
REGIONS = ("head", "top", "grid")


_panels: dict[str, WorkbenchPanel] = {}


def workbench_panel_register(panel: WorkbenchPanel) -> None:
    if panel.region not in REGIONS:
        raise ValueError(f"unknown workbench region {panel.region!r}")
    _panels[panel.key] = panel


def workbench_panels(*, user, region: str = "top") -> list[dict]:
    shown = []
    for panel in sorted(_panels.values(), key=lambda p: (p.order, p.key)):
        if panel.region != region:
            continue
        context = panel.build(user=user)
        if context is not None:
            shown.append({"key": panel.key, "template": panel.template, "context": context})
    return shown


@dataclass
class Workbench:
    head: list = field(default_factory=list)
    panels: list = field(default_factory=list)  # the "top" region
    grid: list = field(default_factory=list)


def workbench_build(*, user) -> Workbench:
    return Workbench(
        head=workbench_panels(user=user, region="head"),
        panels=workbench_panels(user=user, region="top"),
        grid=workbench_panels(user=user, region="grid"),
    )
