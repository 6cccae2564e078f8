"""Who does what in deliberation.

- ``meeting.record``: the staff of a level (secretaries, committee members, community workers, the
  organisation department) and the workers of an estate or village (grid workers, captains, liaisons) record
  sessions, their parties, votes and the matters raised (each a case).
- ``meeting.decide``: the staff of a level record decisions, each issued as a task with an owner and a
  deadline (they issue it, so they accept it: 验收).
- Topics: any resident of an estate raises one and seconds others (one second per household); the estate's
  branch and the community's staff put it on an agenda.
"""

from lianxin.core.context import user_context
from lianxin.people.roles import STAFF_ROLES, WORKER_ROLES

MEETING_RECORD = "meeting.record"
MEETING_DECIDE = "meeting.decide"
RECORDER_ROLES = STAFF_ROLES | WORKER_ROLES


def roles(user) -> frozenset[str]:
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    return user_context(user).roles


def is_recorder(user) -> bool:
    return bool(roles(user) & RECORDER_ROLES)


def is_staff(user) -> bool:
    return bool(roles(user) & STAFF_ROLES)


def has_home(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.person_id and user.person.household_id)


def capabilities_register() -> None:
    from django.utils.translation import gettext_lazy as _

    from lianxin.core.rights import capability_register

    capability_register(MEETING_RECORD, roles=RECORDER_ROLES, label=_("record meetings and matters raised"))
    capability_register(MEETING_DECIDE, roles=STAFF_ROLES, label=_("record meeting decisions as tasks"))
