"""The case pages in the shell's navigation, each shown to the users whose posts need it: everyone with a
person reports and follows his cases (phone tabs); workers and department, company and provider staff have
their to-do list (a tab); workers and couriers the snapshot; workers the visit log; staff the desktop
queue."""

from django.utils.translation import gettext_lazy as _

from lianxin.core.navigation import NavItem, nav_register
from lianxin.core.rights import may


def _has_person(user) -> bool:
    return bool(user.person_id)


def _handles_cases(user) -> bool:
    return may(user, "case.handle")


def _takes_snapshots(user) -> bool:
    return may(user, "case.snapshot")


def _visits(user) -> bool:
    from lianxin.cases.permissions import is_worker

    return bool(user.person_id) and is_worker(user)


def _is_staff(user) -> bool:
    from lianxin.cases.views.staff import is_staff

    return is_staff(user)


def register() -> None:
    """Called from CasesConfig.ready()."""
    items = [
        NavItem(
            "cases_todo", _("My to-do list"), "cases:queue", "work", "clipboard", True, 10, _handles_cases
        ),
        NavItem("cases_report", _("Report"), "cases:report", "work", "edit", True, 20, _has_person),
        NavItem(
            "cases_snapshot", _("Snapshot"), "cases:snapshot", "work", "camera", False, 25, _takes_snapshots
        ),
        NavItem("cases_mine", _("My cases"), "cases:mine", "work", "list", True, 30, _has_person),
        NavItem("cases_visits", _("Household visits"), "cases:visits", "work", "chat", False, 40, _visits),
        # Care visits and festival greetings for couriers (P003-22): the form, the counts and the export.
        NavItem(
            "cases_care_visits", _("Care visits"), "cases:care_visits", "work", "chat", False, 45, _visits
        ),
        NavItem(
            "cases_staff", _("Case management"), "cases:staff_queue", "work", "list", False, 50, _is_staff
        ),
        # The visits under the staff's area, each visitor's count (P000-31); workers keep their own log above.
        NavItem(
            "cases_visit_list", _("Visit records"), "cases:visit_list", "work", "chat", False, 55, _is_staff
        ),
    ]
    for item in items:
        nav_register(item)
