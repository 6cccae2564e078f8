"""Who may take which step of a case: the data scope says which cases a user reaches, his posts say what
he may do with them (the rights table: the capabilities in ``cases/rights.py``). Services call these checks;
a refusal is a ``DomainError`` with code "forbidden".
"""

from django.utils.translation import gettext as _

from lianxin.areas.models import Area
from lianxin.cases.models import Case, HandlerType, HandlingLevel
from lianxin.cases.routing import AREA_LEVEL_RANK
from lianxin.core.context import user_context
from lianxin.core.errors_domain import DomainError
from lianxin.core.paths import ancestor_paths
from lianxin.core.rights import held_with, may, paths_with
from lianxin.core.scope import CHANGE, grants_for
from lianxin.people.roles import (
    ADMIN_ROLES,
    FOUR_ROLES,
    STAFF_ROLES,
    Role,
    role_rule,
    role_values,
)


def _posts(user) -> list[tuple[str, str]]:
    """(role, area path) of each current post, from the user's context. A party-organisation post counts
    over its organisation's place only when the organisation is that place's own
    (people.selectors.party_org_area_path): a sector committee anchored to the county is no county post."""
    return [(held.role, held.area_path) for held in user_context(user).held]


def roles_over(user, path: str) -> set[str]:
    """The roles of the user's current posts whose area is ``path`` or above it."""
    if not user.is_authenticated or not path:
        return set()
    return {role for role, area_path in _posts(user) if area_path and path.startswith(area_path)}


def post_paths(user, roles) -> list[str]:
    return [area_path for role, area_path in _posts(user) if role in roles and area_path]


def pool_paths(user) -> list[str]:
    """The levels whose pool the user works: his staff posts' areas, and a grid worker's estate."""
    return paths_with(user, "case.dispatch") + paths_with(user, "case.take_estate_pool")


def is_staff_over(user, path: str) -> bool:
    return may(user, "case.dispatch", at=path)


def is_staff_at(user, path: str) -> bool:
    """Whether the user holds a staff post at exactly this level (not above it)."""
    return bool(path) and path in paths_with(user, "case.dispatch")


# Levels from which users without a staff post issue the issued kinds (tasks): a leading group's leaders
# (issue 22) sit on a body, not over an area. Apps say which levels from their ready(); see issuer_levels.
_issuer_levels: list = []


def issuer_levels_register(levels) -> None:
    """Add ``levels(user) -> list[str]``: the area paths from which ``user`` issues cases of the issued kinds
    (``KindSpec.issued``: tasks), beside the levels of his staff posts."""
    if levels not in _issuer_levels:
        _issuer_levels.append(levels)


def issuer_paths(user) -> list[str]:
    """The levels a user issues tasks from: his staff posts' areas and those the apps add."""
    paths = list(paths_with(user, "case.dispatch"))
    if getattr(user, "is_authenticated", False):
        for levels in _issuer_levels:
            paths.extend(path for path in levels(user) if path)
    return paths


def is_issuer_over(user, path: str) -> bool:
    """Whether the user issues tasks at this place: staff over it, or a level an app names is above it."""
    return bool(path) and any(path.startswith(level) for level in issuer_paths(user))


def issuing_path(user, area_path: str) -> str:
    """The level a staff member issues a task from at a place: the area of his staff post nearest above it
    (or of a level an app names for him, issuer_levels_register)."""
    covering = [path for path in issuer_paths(user) if area_path.startswith(path)]
    return max(covering, key=len, default="")


def is_worker(user) -> bool:
    return may(user, "case.work")


def takes_calls(user) -> bool:
    """Staff who take cases in from callers and visitors (hotline, 居民说事, the Red Chain line …) and say so
    on the report page."""
    return may(user, "case.dispatch")


def reporter_group_of(user) -> str:
    """How a report by this user is counted (P004-34)."""
    from lianxin.cases.models import ReporterGroup

    roles = {role for role, _ in _posts(user)}
    # The four roles are taken on by new-employment workers (couriers, riders, P002-58).
    if Role.PART_TIME_GRID_WORKER in roles or roles & set(FOUR_ROLES):
        return ReporterGroup.COURIER
    if roles & STAFF_ROLES or Role.GRID_WORKER in roles:
        return ReporterGroup.WORKER
    if roles & {Role.BUILDING_CAPTAIN, Role.UNIT_CAPTAIN}:
        return ReporterGroup.CAPTAIN
    if Role.LIAISON in roles:
        return ReporterGroup.LIAISON
    if Role.PROVIDER_STAFF in roles:
        return ReporterGroup.PROVIDER
    if roles & {Role.DEPARTMENT_STAFF, Role.PROPERTY_STAFF}:
        return ReporterGroup.STAFF
    return ReporterGroup.RESIDENT


def _role_order(role: str) -> int:
    values = role_values()  # other apps' roles after the project's own
    return values.index(role) if role in values else len(values)


def acting_role(user, area_path: str) -> str:
    """The role a user reports in at a place: that of his post nearest above the place (the deepest one
    covering it), else that of a post over no area (a department's, a company's), else none (a resident)."""
    posts = (
        [(role, path) for role, path in _posts(user) if role not in ADMIN_ROLES]
        if user.is_authenticated
        else []
    )
    covering = [
        (len(path), -_role_order(role), role) for role, path in posts if path and area_path.startswith(path)
    ]
    if covering:
        return max(covering)[2]
    return next((role for role, path in posts if not path), "")


def is_current_handler(user, case: Case) -> bool:
    """Whether the user works the case where it is now: he is its handler, or staff of its handling
    department, organisation or level."""
    if not user.is_authenticated:
        return False
    if case.handler_type == HandlerType.PERSON:
        return bool(user.person_id and case.handler_person_id == user.person_id)
    grants = grants_for(user)
    if case.handler_type == HandlerType.DEPARTMENT:
        return case.handler_department_id in grants.department_ids[CHANGE]
    if case.handler_type == HandlerType.ORGANISATION:
        return case.handler_organisation_id in grants.organisation_ids[CHANGE]
    if case.handler_type == HandlerType.PARTY_ORG:
        # The organisation's own post holders (its secretary, its committee), as for a department.
        return party_org_path(case) in grants.party_org_paths[CHANGE]
    if case.handler_type == HandlerType.AREA:
        if may(user, "case.dispatch", at=case.handler_area_path):
            return True
        # A grid worker works the pool of his own estate.
        return case.handling_level == HandlingLevel.ESTATE and may(
            user, "case.take_estate_pool", at=case.handler_area_path
        )
    return False


def party_org_path(case: Case) -> str:
    """The tree path of the party organisation handling the case ("" when none does)."""
    if not case.handler_party_org_id:
        return ""
    cached = getattr(case, "_party_org_path", None)
    if cached is None or cached[0] != case.handler_party_org_id:
        from lianxin.party.models import PartyOrg

        path = PartyOrg.objects.filter(pk=case.handler_party_org_id).values_list("path", flat=True).first()
        cached = case._party_org_path = (case.handler_party_org_id, path or "")
    return cached[1]


def may_supervise(user, case: Case) -> bool:
    """督办 comes from a level above the handler: a secretary, deputy or organisation department whose post
    covers the case at a level above where it is handled (or anywhere over it, when no level handles it).
    One rule for the service and for the steps a page or the API offers."""
    holder = case.handler_area_path
    return any(
        held.area_path
        and case.area_path.startswith(held.area_path)
        and (not holder or len(held.area_path) < len(holder))
        for held in held_with(user, "case.supervise")
    )


def is_dispatcher(user, case: Case) -> bool:
    """Staff of the level that holds the case (or above it) may accept, dispatch and re-dispatch it: the
    level's pool while the case is there, else the level that dispatched it."""
    if case.handler_type == HandlerType.AREA and case.handler_area_path:
        path = case.handler_area_path
    else:
        path = _dispatcher_path(case) or case.area_path
    return is_staff_over(user, path)


def _dispatcher_path(case: Case) -> str:
    if not case.dispatcher_area_id:
        return ""
    cached = getattr(case, "_dispatcher_path", None)
    if cached is None:
        cached = Area.objects.filter(pk=case.dispatcher_area_id).values_list("path", flat=True).first() or ""
        case._dispatcher_path = cached
    return cached


def level_area_path(case: Case, level: int) -> str:
    """The path of the case's ancestor at ``level`` (or "" when its chain has no such level)."""
    prefixes = ancestor_paths(case.area_path)
    for node_level, path in sorted(
        Area.objects.filter(path__in=prefixes).values_list("level", "path"), key=lambda t: -len(t[1])
    ):
        if AREA_LEVEL_RANK[node_level] == level:
            return path
    return ""


def deny(message: str | None = None):
    raise DomainError(message or _("Your post does not allow this step on this case."), code="forbidden")


def require(condition: bool, message: str | None = None) -> None:
    if not condition:
        deny(message)


def writes_anything(user) -> bool:
    return any(role_rule(role).writes for role, _ in _posts(user))
