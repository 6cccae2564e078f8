"""The roles a post can carry, and what each role may do with the rows its scope covers.

The project's own roles are ``Role``; an app that brings a new one registers it from its
``AppConfig.ready()`` with ``role_register`` (its label and its ``RoleRule``), without editing this module.
``Post.role`` takes its choices from ``role_choices``, a callable, so a new role needs no migration. What a
role may do is the rights table (lianxin.core.rights, docs/rights.md); the role groups below are the sets
this project's capabilities are granted to.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SECRETARY = "secretary", _("secretary")
    DEPUTY_SECRETARY = "deputy_secretary", _("deputy secretary")
    COMMITTEE_MEMBER = "committee_member", _("committee member")
    PART_TIME_COMMITTEE_MEMBER = "part_time_committee_member", _("part-time committee member")
    COMMUNITY_WORKER = "community_worker", _("community worker")
    GRID_WORKER = "grid_worker", _("grid worker")
    BUILDING_CAPTAIN = "building_captain", _("building captain")
    UNIT_CAPTAIN = "unit_captain", _("unit captain")
    LIAISON = "liaison", _("liaison")
    PART_TIME_GRID_WORKER = "part_time_grid_worker", _("part-time grid worker")
    DEPARTMENT_STAFF = "department_staff", _("department staff")
    PROPERTY_STAFF = "property_staff", _("property company staff")
    OWNERS_COMMITTEE_MEMBER = "owners_committee_member", _("owners' committee member")
    OWNERS_COMMITTEE_DIRECTOR = "owners_committee_director", _("owners' committee director")
    PROVIDER_STAFF = "provider_staff", _("provider staff")
    VOLUNTEER = "volunteer", _("volunteer")
    INSTRUCTOR = "instructor", _("party-building instructor")
    CHAIN_LEADER = "chain_leader", _("chain leader")
    PLACE_STAFF = "place_staff", _("service centre staff")
    # The "four roles" (四大员) new-employment workers take on part time over an area (P002-58).
    GRID_GOVERNANCE_AGENT = "grid_governance_agent", _("grid governance agent")
    MOBILE_PUBLICITY_AGENT = "mobile_publicity_agent", _("mobile publicity agent")
    CIVILITY_PATROLLER = "civility_patroller", _("civility patroller")
    SAFETY_SUPERVISOR = "safety_supervisor", _("safety supervisor")
    ORG_ADMIN = "org_admin", _("organisation department admin")
    SYSTEM_ADMIN = "system_admin", _("system administrator")
    SECURITY_ADMIN = "security_admin", _("security administrator")
    AUDIT_ADMIN = "audit_admin", _("audit administrator")


@dataclass(frozen=True)
class RoleRule:
    writes: bool  # may change the rows of its scope (else read only)
    sees_full_numbers: bool  # may open full mobile / ID numbers (each view logged)
    sees_residents: bool = True  # may list the persons and households of its scope (masked)


_STAFF = RoleRule(writes=True, sees_full_numbers=True)
_WORKER = RoleRule(writes=True, sees_full_numbers=True)
_HELPER = RoleRule(writes=True, sees_full_numbers=False)
_READER = RoleRule(writes=False, sees_full_numbers=False)
# Posts that work in an area without serving its residents one by one: they see the area, not its people.
_OUTSIDER = RoleRule(writes=False, sees_full_numbers=False, sees_residents=False)

ROLE_RULES: dict[str, RoleRule] = {
    Role.SECRETARY: _STAFF,
    Role.DEPUTY_SECRETARY: _STAFF,
    Role.COMMITTEE_MEMBER: _STAFF,
    Role.PART_TIME_COMMITTEE_MEMBER: _OUTSIDER,
    Role.COMMUNITY_WORKER: _STAFF,
    Role.GRID_WORKER: _WORKER,
    Role.BUILDING_CAPTAIN: _HELPER,
    Role.UNIT_CAPTAIN: _HELPER,
    Role.LIAISON: _HELPER,
    # A courier reports anywhere in his community but handles nothing (P004-33): read-only scope.
    Role.PART_TIME_GRID_WORKER: _OUTSIDER,
    # Department staff reach residents through the cases dispatched to them, not by browsing estates.
    Role.DEPARTMENT_STAFF: RoleRule(writes=True, sees_full_numbers=True, sees_residents=False),
    Role.PROPERTY_STAFF: RoleRule(writes=True, sees_full_numbers=False, sees_residents=False),
    Role.OWNERS_COMMITTEE_MEMBER: _OUTSIDER,
    Role.OWNERS_COMMITTEE_DIRECTOR: _OUTSIDER,
    Role.PROVIDER_STAFF: RoleRule(writes=True, sees_full_numbers=False, sees_residents=False),
    Role.VOLUNTEER: _OUTSIDER,
    Role.INSTRUCTOR: _OUTSIDER,
    Role.CHAIN_LEADER: _OUTSIDER,
    Role.PLACE_STAFF: _HELPER,
    # Like a courier grid worker: they report what they see, read only, and do not browse residents.
    Role.GRID_GOVERNANCE_AGENT: _OUTSIDER,
    Role.MOBILE_PUBLICITY_AGENT: _OUTSIDER,
    Role.CIVILITY_PATROLLER: _OUTSIDER,
    Role.SAFETY_SUPERVISOR: _OUTSIDER,
    Role.ORG_ADMIN: _STAFF,
    # The three administrators configure, secure and audit; none of them reads residents' data (三员分立).
    Role.SYSTEM_ADMIN: _OUTSIDER,
    Role.SECURITY_ADMIN: _OUTSIDER,
    Role.AUDIT_ADMIN: _OUTSIDER,
}

# Role groups: the sets the project's capabilities are granted to (one place for them, docs/rights.md).
# Those who lead a level: keep the tree, appoint, set up organisations, supervise (督办).
LEADER_ROLES = frozenset({Role.ORG_ADMIN, Role.SECRETARY, Role.DEPUTY_SECRETARY})
# The staff of a level: accept, dispatch, verify and decide at their level and below.
STAFF_ROLES = LEADER_ROLES | {Role.COMMITTEE_MEMBER, Role.COMMUNITY_WORKER}
# Workers who take and handle what is sent to them, and report from patrol.
WORKER_ROLES = frozenset({Role.GRID_WORKER, Role.BUILDING_CAPTAIN, Role.UNIT_CAPTAIN, Role.LIAISON})

FOUR_ROLES = (
    Role.GRID_GOVERNANCE_AGENT,
    Role.MOBILE_PUBLICITY_AGENT,
    Role.CIVILITY_PATROLLER,
    Role.SAFETY_SUPERVISOR,
)

ADMIN_ROLES = {Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN}

# Roles other apps registered (role_register): value → label. Their rules are in ROLE_RULES with the rest.
_REGISTERED: dict[str, object] = {}
ROLE_MAX_LENGTH = 32  # Post.role's max_length


def role_register(value: str, label, *, rule: RoleRule) -> None:
    """Add a role from another app's ``AppConfig.ready()``: its value (stored in ``Post.role``), its label
    (gettext_lazy) and what its posts may do with the rows of their scope. Registering again replaces it."""
    if value in Role.values:
        raise ValueError(f"role {value!r} is one of the project's own roles")
    if not value or len(value) > ROLE_MAX_LENGTH or not value.replace("_", "").isalnum():
        raise ValueError(f"role {value!r}: up to {ROLE_MAX_LENGTH} letters, digits and underscores")
    _REGISTERED[value] = label
    ROLE_RULES[value] = rule


# A post whose role no app registered (its app not installed, or not registering it yet): it reads the rows
# of its scope and no more, and sees no resident; nothing fails for want of a rule.
UNREGISTERED_RULE = RoleRule(writes=False, sees_full_numbers=False, sees_residents=False)


def role_rule(value: str) -> RoleRule:
    return ROLE_RULES.get(value, UNREGISTERED_RULE)


def role_choices() -> list[tuple[str, object]]:
    """Every role, the project's own first: ``Post.role``'s choices (a callable, so no migration churn)."""
    return [*Role.choices, *_REGISTERED.items()]


def role_values() -> list[str]:
    return [value for value, _label in role_choices()]


def role_label(value: str):
    """The label of any role, registered or the project's own ("" for an unknown value)."""
    if value in Role.values:
        return Role(value).label
    return _REGISTERED.get(value, "")


class PostSource(models.TextChoices):
    """Where the holder of a post was drawn from (secretaries P001-23, liaisons P002-29)."""

    COMMITTEE_MEMBER = "committee_member", _("community two-committee member")
    RETIRED_MEMBER = "retired_member", _("retired party member")
    COMMUNITY_WORKER = "community_worker", _("community worker")
    PARTY_MEMBER = "party_member", _("party member")
    VETERAN = "veteran", _("veteran")
    RESERVE_CADRE = "reserve_cadre", _("reserve cadre")
    DEPARTMENT_CADRE = "department_cadre", _("department cadre")
    # Talent brought back from elsewhere (回引人才, P000-22, P002-15).
    RETURNEE = "returnee", _("returnee talent")
    OTHER = "other", _("other")


class StaffingType(models.TextChoices):
    """How a post at a hub is staffed (P002-48)."""

    SECONDED = "seconded", _("seconded cadre")
    HIRED_FULL_TIME = "hired_full_time", _("hired full-time")
    HIRED_PART_TIME = "hired_part_time", _("hired part-time")
    INVITED_PART_TIME = "invited_part_time", _("invited part-time")
