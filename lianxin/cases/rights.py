"""The capabilities the case engine checks (lianxin.core.rights, docs/rights.md), granted to the project's
role groups (people.roles). ``cases/permissions.py`` reads them; the steps' own conditions (who is the
handler, which level dispatched) stay there."""

from django.utils.translation import gettext_lazy as _

from lianxin.core.rights import capability_register
from lianxin.people.roles import LEADER_ROLES, STAFF_ROLES, WORKER_ROLES, Role


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
    # A grid worker works the pool of his own estate.
    capability_register(
        "case.take_estate_pool", roles={Role.GRID_WORKER}, label=_("work the cases in one's estate's pool")
    )
