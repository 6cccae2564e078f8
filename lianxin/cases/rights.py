"""The capabilities the case engine checks (lianxin.core.rights, docs/rights.md), granted to the project's
role groups (people.roles). ``cases/permissions.py`` reads them; the steps' own conditions (who is the
handler, which level dispatched) stay there."""

from django.utils.translation import gettext_lazy as _

from lianxin.core.rights import capability_register
from lianxin.people.roles import FOUR_ROLES, LEADER_ROLES, STAFF_ROLES, WORKER_ROLES, Role


def rights_register() -> None:
    # The staff of a level accept, dispatch, verify and decide at their level and below, take calls in, and
    # issue tasks from their level.
    capability_register(
        "case.dispatch", roles=STAFF_ROLES, label=_("accept, dispatch and verify cases at one's level")
    )
    # 督办 comes from those who lead a level above the handler.
    capability_register(
        "case.supervise", roles=LEADER_ROLES, label=_("supervise the handling of cases below")
    )
    # Workers and staff take and work what is sent to them, log visits and report from patrol.
    capability_register(
        "case.work", roles=STAFF_ROLES | WORKER_ROLES, label=_("work the cases sent to one's post")
    )
    # Workers, staff and the staff of departments, companies and providers keep a to-do list and note on a
    # case's trail.
    capability_register(
        "case.handle",
        roles=STAFF_ROLES | WORKER_ROLES | {Role.DEPARTMENT_STAFF, Role.PROPERTY_STAFF, Role.PROVIDER_STAFF},
        label=_("keep a to-do list of cases and note on their trail"),
    )
    # Workers and staff, couriers and the four roles (四大员, P002-58) report what they see on their rounds.
    capability_register(
        "case.snapshot",
        roles=STAFF_ROLES | WORKER_ROLES | {Role.PART_TIME_GRID_WORKER, *FOUR_ROLES},
        label=_("report what one sees on one's rounds"),
    )
    # A grid worker works the pool of his own estate.
    capability_register(
        "case.take_estate_pool", roles={Role.GRID_WORKER}, label=_("work the cases in one's estate's pool")
    )
