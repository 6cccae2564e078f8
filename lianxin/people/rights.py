"""The capabilities the people app checks (lianxin.core.rights, docs/rights.md), granted to the project's
role groups (people.roles)."""

from django.utils.translation import gettext_lazy as _

from lianxin.core.rights import capability_register
from lianxin.people.roles import LEADER_ROLES, Role


def rights_register() -> None:
    # Appointing and ending posts, linking accounts, changing staff categories: the organisation department
    # and the secretaries, each over his own scope (the services check the scope).
    capability_register("post.appoint", roles=LEADER_ROLES, label=_("appoint people to posts and end posts"))
    capability_register("account.link", roles=LEADER_ROLES, label=_("link accounts to persons"))
    capability_register(
        "staff.change_category", roles=LEADER_ROLES, label=_("change a worker's staff category")
    )
    # 三员分立: the security administrator manages who holds the administrator roles.
    capability_register(
        "post.grant_admin_roles", roles={Role.SECURITY_ADMIN}, label=_("grant the administrator roles")
    )
