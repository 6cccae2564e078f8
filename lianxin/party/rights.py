"""The capabilities the party app checks (lianxin.core.rights, docs/rights.md), granted to the project's
role groups (people.roles)."""

from django.utils.translation import gettext_lazy as _

from lianxin.core.rights import capability_register
from lianxin.people.roles import LEADER_ROLES


def rights_register() -> None:
    # Setting up organisations and keeping their members: the organisation department and the secretaries
    # (the services check the organisation lies in their scope).
    capability_register(
        "party_org.edit", roles=LEADER_ROLES, label=_("set up party organisations and keep their members")
    )
