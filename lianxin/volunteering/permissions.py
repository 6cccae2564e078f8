"""Who does what in volunteering. The rows a user reaches are his scope's (``restrict``); the roles below
decide what he may do with them.

- Approving a registration gives a post and a membership, so it is for those who appoint posts and enrol
  members: the organisation department and the party secretaries (``people.appointments.post_appointer``,
  the same set the party app's ``org_manager`` checks).
- Community staff (secretaries, committee members, community workers, the organisation department) keep the
  vetting list, the teams, call-outs, pairings, agreements and the sent-down register.
"""

from lianxin.core.context import user_context
from lianxin.people.roles import LEADER_ROLES, STAFF_ROLES, Role

# Those who appoint posts and enrol members (see above): the leaders of a level.
APPROVER_ROLES = LEADER_ROLES


def _roles(user) -> frozenset[str]:
    return user_context(user).roles


def is_staff(user) -> bool:
    return bool(_roles(user) & STAFF_ROLES)


def is_approver(user) -> bool:
    return bool(_roles(user) & APPROVER_ROLES)


def is_volunteer(user) -> bool:
    return Role.VOLUNTEER in _roles(user)


def has_person(user) -> bool:
    return bool(user.is_authenticated and user.person_id)


# The unit contact (issue 21): a post on a unit's party organisation (or an alliance enterprise) that looks
# after its members' service. It reads, never writes, and sees no resident.
UNIT_CONTACT = "unit_contact"
# Registering a unit at a community, for the unit's own party organisation: checked with the scope of the
# post that holds it (a read-only contact's post reaches its organisation with VIEW).
UNIT_REGISTER = "unit_registration.create"


def roles_register() -> None:
    """From VolunteeringConfig.ready(): the unit contact's role and what it may do here."""
    from django.utils.translation import gettext_lazy as _

    from lianxin.core.rights import capability_register
    from lianxin.core.scope import VIEW
    from lianxin.people.roles import RoleRule, role_register

    role_register(
        UNIT_CONTACT,
        _("unit contact"),
        rule=RoleRule(writes=False, sees_full_numbers=False, sees_residents=False),
    )
    capability_register(
        UNIT_REGISTER,
        roles={*APPROVER_ROLES, UNIT_CONTACT},
        label=_("register a unit at a community"),
        action=VIEW,
    )


def unit_orgs_kept(user):
    """The party organisations the user's posts with UNIT_REGISTER sit on: the units he registers."""
    from lianxin.core.rights import held_with
    from lianxin.core.scope import VIEW
    from lianxin.party.models import PartyOrg

    if not has_person(user):
        return PartyOrg.objects.none()
    paths = {path for held in held_with(user, UNIT_REGISTER) for path in held.grants.party_org_paths[VIEW]}
    return PartyOrg.objects.filter(path__in=sorted(paths)).order_by("path")
