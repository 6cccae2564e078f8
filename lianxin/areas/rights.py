"""The capabilities the territory app checks (lianxin.core.rights, docs/rights.md), granted to the project's
role groups (people.roles)."""

from django.utils.translation import gettext_lazy as _

from lianxin.core.rights import capability_register
from lianxin.people.roles import LEADER_ROLES, ROLE_RULES, STAFF_ROLES


def rights_register() -> None:
    # The tree and an area's name are the organisation department's and the secretaries' (P000-01).
    capability_register("area.keep_tree", roles=LEADER_ROLES, label=_("add areas to the tree and move them"))
    capability_register("area.rename", roles=LEADER_ROLES, label=_("rename areas"))
    # An area's other facts (an estate's type, property mode, maturity) are the community's staff's: grid
    # workers, property companies and helpers change none of them, whatever else they write (issue 19).
    capability_register("area.set_facts", roles=STAFF_ROLES, label=_("change the facts of an area"))
    # Yearly facts: the county's (or city's) organisation department and secretaries; the level is the
    # service's own rule (dated_facts.RECORDER_LEVELS).
    capability_register(
        "area.record_yearly_facts", roles=LEADER_ROLES, label=_("record an area's yearly facts")
    )
    # Any post that writes in the place's area logs what was held there.
    capability_register(
        "place.record_activity",
        roles={role for role, rule in ROLE_RULES.items() if rule.writes},
        label=_("record activities at a place"),
    )
