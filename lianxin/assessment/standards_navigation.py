"""The standards pages in the shell's navigation and on the workbench (weak organisations still listed)."""

from django.utils.translation import gettext_lazy as _

from lianxin.core.navigation import NavItem, nav_register
from lianxin.core.workbench import WorkbenchPanel, workbench_panel_register


def _reader(user) -> bool:
    from lianxin.assessment.standards_rights import is_reader

    return is_reader(user)


def _checklist(user) -> bool:
    from lianxin.assessment.standards_rights import is_checklist_reader

    return is_checklist_reader(user)


def _boards(user) -> bool:
    # The boards of the sector committees over one's posts; an empty state for who has none. By role, without
    # a query (the menu asks on every page): those who keep party building.
    return _reader(user)


def weak_orgs_panel(*, user) -> dict | None:
    if not _reader(user):
        return None
    from lianxin.assessment.selectors.standards import weak_orgs_for

    count = weak_orgs_for(user=user).count()
    return {"count": count} if count else None


def register() -> None:
    nav_register(
        NavItem(
            "standards",
            _("Star ratings and honours"),
            "assessment:stars",
            "work",
            "star",
            order=86,
            visible=_reader,
        )
    )
    nav_register(
        NavItem(
            "standards_checklists",
            _("Checklists"),
            "assessment:checklists",
            "work",
            "clipboard",
            order=87,
            visible=_checklist,
        )
    )
    nav_register(
        NavItem(
            "shared_practices",
            _("Shared practices"),
            "assessment:practice_boards",
            "work",
            "users",
            order=88,
            visible=_boards,
        )
    )
    workbench_panel_register(
        WorkbenchPanel(
            "standards_weak_orgs",
            "assessment/standards/_workbench_weak.html",
            weak_orgs_panel,
            order=88,
            region="grid",
        )
    )
