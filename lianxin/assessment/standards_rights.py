"""Who does what in the standards part (registered from setup_standards.ready()).

- ``star.rate``: the leaders (organisation department, secretaries) of the *superior* committee rate a party
  organisation; checked against the organisation's parent, so a branch's own secretary cannot rate it.
- ``standards.configure``: the organisation department configures the criteria, credit rules and checklists.
- ``standards.keep``: the leaders record member stars and credit events, weak organisations, honours,
  brands, campaigns and nominations over what their posts reach.
- ``checklist.tick``: an organ branch's staff (and its unit contact) tick its checklist items (VIEW: the
  unit contact's read-only post reaches his organisation, as for a unit's registration).
- ``weak_org.accept``: the county's organisation department accepts a weak organisation's rectification
  (验收); only a post at county level (or above) may.
"""

from lianxin.core.context import user_context
from lianxin.people.roles import LEADER_ROLES, STAFF_ROLES, Role

STAR_RATE = "star.rate"
CONFIGURE = "standards.configure"
KEEP = "standards.keep"
CHECKLIST_TICK = "checklist.tick"
WEAK_ORG_ACCEPT = "weak_org.accept"

REVIEWER = "reviewer"
UNIT_CONTACT = "unit_contact"
# Who reads the standards pages: the staff of a level, the organisation department and the reviewers.
READER_ROLES = frozenset(str(r) for r in STAFF_ROLES) | {REVIEWER}
CHECKLIST_ROLES = READER_ROLES | {UNIT_CONTACT}


def capabilities_register() -> None:
    from django.utils.translation import gettext_lazy as _

    from lianxin.core.rights import capability_register
    from lianxin.core.scope import VIEW

    capability_register(STAR_RATE, roles=LEADER_ROLES, label=_("rate party organisations with stars"))
    capability_register(CONFIGURE, roles={Role.ORG_ADMIN}, label=_("configure the standards"))
    capability_register(KEEP, roles=LEADER_ROLES, label=_("keep the standards records"))
    capability_register(
        CHECKLIST_TICK,
        roles={*STAFF_ROLES, UNIT_CONTACT},
        label=_("tick the checklist of a party organisation"),
        action=VIEW,
    )
    capability_register(
        WEAK_ORG_ACCEPT, roles={Role.ORG_ADMIN}, label=_("accept a weak organisation's rectification")
    )


def roles_of(user) -> frozenset[str]:
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    return user_context(user).roles


def is_reader(user) -> bool:
    return bool(roles_of(user) & READER_ROLES)


def is_checklist_reader(user) -> bool:
    return bool(roles_of(user) & CHECKLIST_ROLES)
