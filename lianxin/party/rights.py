"""The capabilities the party app checks (lianxin.core.rights, docs/rights.md), granted to the project's
role groups (people.roles)."""

from django.utils.translation import gettext_lazy as _

from lianxin.core.rights import capability_register
from lianxin.people.roles import LEADER_ROLES, Role


def rights_register() -> None:
    # Setting up organisations and keeping their members: the organisation department and the secretaries
    # (the services check the organisation lies in their scope).
    capability_register(
        "party_org.edit", roles=LEADER_ROLES, label=_("set up party organisations and keep their members")
    )
    # An organisation at the top of a tree (under no other) is the organisation department's alone.
    capability_register(
        "party_org.create_top",
        roles={Role.ORG_ADMIN},
        label=_("set up party organisations at the top of a tree"),
    )
    alliance_list_rights_register()


# The alliance's three lists (P003-38–40, party/services/alliance_lists.py). Its leads keep them for every
# member: the secretaries and organisation department over the alliance, its chain leader and the staff of
# its chain lead department. A member enterprise's contact (the unit contact role, registered by the
# volunteering app) files his own enterprise's demands and offers through his read-only post on it.
ALLIANCE_LIST_MANAGE = "alliance_list.manage"
ALLIANCE_LIST_FILE = "alliance_list.file"
UNIT_CONTACT = "unit_contact"


def alliance_list_rights_register() -> None:
    from lianxin.core.scope import VIEW
    from lianxin.people.roles import Role

    capability_register(
        ALLIANCE_LIST_MANAGE,
        roles=LEADER_ROLES | {Role.CHAIN_LEADER, Role.DEPARTMENT_STAFF},
        label=_("keep an industry-chain alliance's demand, resource and project lists"),
    )
    capability_register(
        ALLIANCE_LIST_FILE,
        roles={UNIT_CONTACT},
        label=_("file the demands and offers of one's member enterprise"),
        action=VIEW,
    )
