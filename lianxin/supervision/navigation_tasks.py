"""The tasks part's menu entries: key tasks for those who issue them, sit on a group or lead a department's
share; groups, progress rounds and the performance score for those who issue them."""

from django.utils.translation import gettext_lazy as _

from lianxin.core.navigation import NavItem, nav_register


def sees_tasks(user) -> bool:
    from lianxin.supervision.views.key_tasks import sees_tasks as check

    return check(user)


def sees_groups(user) -> bool:
    from lianxin.supervision.views.groups import sees_groups as check

    return check(user)


def issues_tasks(user) -> bool:
    from lianxin.supervision.views.key_tasks import issues_tasks as check

    return check(user)


def register() -> None:
    nav_register(
        NavItem(
            "key_tasks",
            _("Key tasks"),
            "supervision:key_task_lists",
            "work",
            "list",
            order=60,
            visible=sees_tasks,
        )
    )
    nav_register(
        NavItem(
            "leading_groups",
            _("Leading groups"),
            "supervision:groups",
            "work",
            "users",
            order=61,
            visible=sees_groups,
        )
    )
    nav_register(
        NavItem(
            "progress_rounds",
            _("Progress rounds"),
            "supervision:progress_rounds",
            "work",
            "clipboard",
            order=62,
            visible=sees_tasks,
        )
    )
    nav_register(
        NavItem(
            "performance",
            _("Performance score"),
            "supervision:performance",
            "work",
            "flag",
            order=63,
            visible=issues_tasks,
        )
    )
