"""Who does what in volunteering. The rows a user reaches are his scope's (``restrict``); the roles below
decide what he may do with them.

- Approving a registration gives a post and a membership, so it is for those who appoint posts and enrol
  members: the organisation department and the party secretaries (``people.appointments.post_appointer``,
  the same set the party app's ``org_manager`` checks).
- Community staff (secretaries, committee members, community workers, the organisation department) keep the
  vetting list, the teams, call-outs, pairings, agreements and the sent-down register.
"""

from lianxin.people.models import Post
from lianxin.people.roles import Role

STAFF_ROLES = frozenset(
    {Role.SECRETARY, Role.DEPUTY_SECRETARY, Role.COMMITTEE_MEMBER, Role.COMMUNITY_WORKER, Role.ORG_ADMIN}
)
APPROVER_ROLES = frozenset({Role.SECRETARY, Role.DEPUTY_SECRETARY, Role.ORG_ADMIN})


def _roles(user) -> frozenset[str]:
    cached = getattr(user, "_lianxin_volunteering_roles", None)
    if cached is None:
        if not user.is_authenticated or not user.person_id:
            cached = frozenset()
        else:
            cached = frozenset(
                Post.objects.current().filter(person_id=user.person_id).values_list("role", flat=True)
            )
        user._lianxin_volunteering_roles = cached
    return cached


def is_staff(user) -> bool:
    return bool(_roles(user) & STAFF_ROLES)


def is_approver(user) -> bool:
    return bool(_roles(user) & APPROVER_ROLES)


def is_volunteer(user) -> bool:
    return Role.VOLUNTEER in _roles(user)


def has_person(user) -> bool:
    return bool(user.is_authenticated and user.person_id)
