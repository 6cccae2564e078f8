"""Data scope, in one place (NetBox's RestrictedQuerySet, our way).

A user sees and touches only the rows under the posts he holds: an area subtree (path prefix), a party
organisation subtree, a department, an organisation (a property company's estates, a provider's rows), or,
with no post covering a row, only what is his own. Every scoped model says how its rows map to those
grants (``scope = Scope(...)``) and gets ``objects.restrict(user, action)``; pages, API and exports all
start from it, and single objects are fetched with ``get_for_user`` (404 outside scope, 403 for a read-only
post trying to write).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.http import Http404

from lianxin.core.paths import is_under, under

VIEW = "view"
CHANGE = "change"


@dataclass(frozen=True)
class Scope:
    """How a model's rows are reached by a user's grants. Each value is a lookup path on the model."""

    area_path: str | None = None  # a CharField holding the row's area path
    party_org_path: str | None = None  # a CharField holding the row's party organisation path
    # FK to people.Department / people.Organisation, or a function of the granted ids giving a Q (for rows
    # reached through a multi-valued relation, which must not multiply the rows).
    department: "str | Callable[[list[int]], Q] | None" = None
    organisation: "str | Callable[[list[int]], Q] | None" = None
    # Rows that are the user's own: a lookup equal to his person id, or a function of that id giving a Q
    # (for own rows reached through a multi-valued relation, which must not multiply the rows).
    own: "str | Callable[[int], Q] | None" = None
    # Rows about residents (persons, households, memberships): reached only through posts whose role
    # needs to see residents, so a courier or volunteer over a community cannot browse its people.
    residents: bool = False
    # Any further way in, as a function of the user's grants giving a Q or None (e.g. a sector committee
    # following its sector's cases). Read only: it never opens a row for writing.
    also: "Callable[[Grants], Q | None] | None" = None


@dataclass
class Grants:
    """What a user's current posts open, split by whether they allow writing."""

    area_paths: dict[str, set[str]] = field(default_factory=lambda: {VIEW: set(), CHANGE: set()})
    resident_area_paths: dict[str, set[str]] = field(default_factory=lambda: {VIEW: set(), CHANGE: set()})
    party_org_paths: dict[str, set[str]] = field(default_factory=lambda: {VIEW: set(), CHANGE: set()})
    department_ids: dict[str, set[int]] = field(default_factory=lambda: {VIEW: set(), CHANGE: set()})
    organisation_ids: dict[str, set[int]] = field(default_factory=lambda: {VIEW: set(), CHANGE: set()})
    # Sectors whose committee the user holds a post in (express, food delivery …): read only.
    sectors: set[str] = field(default_factory=set)
    person_id: int | None = None

    def add(self, kind: str, value, *, writable: bool) -> None:
        bucket = getattr(self, kind)
        bucket[VIEW].add(value)
        if writable:
            bucket[CHANGE].add(value)

    def merge(self, other: "Grants") -> None:
        """Add what ``other`` opens (another post's grants) to these."""
        kinds = ("area_paths", "resident_area_paths", "party_org_paths", "department_ids", "organisation_ids")
        for kind in kinds:
            mine, theirs = getattr(self, kind), getattr(other, kind)
            mine[VIEW] |= theirs[VIEW]
            mine[CHANGE] |= theirs[CHANGE]
        self.sectors |= other.sectors
        if self.person_id is None:
            self.person_id = other.person_id

    def is_empty(self) -> bool:
        return not any(
            bucket[VIEW]
            for bucket in (self.area_paths, self.party_org_paths, self.department_ids, self.organisation_ids)
        )


def outermost(paths) -> list[str]:
    """Drop paths that lie under another path of the set: one prefix condition each is enough."""
    kept: list[str] = []
    for path in sorted(paths, key=len):
        if not any(path.startswith(prefix) for prefix in kept):
            kept.append(path)
    return sorted(kept)


def grants_for(user) -> Grants:
    """The user's grants: the union of what his current posts open, from his per-request context
    (``lianxin.core.context``; the people app provides the posts, so the core imports no app)."""
    from lianxin.core.context import user_context

    return user_context(user).grants


def scope_q(model, user, action: str = VIEW) -> Q | None:
    """The condition selecting the rows of ``model`` this user may act on; None means nothing."""
    return grants_q(model, grants_for(user), action)


def grants_q(model, grants: Grants, action: str = VIEW) -> Q | None:
    """The condition selecting the rows of ``model`` that ``grants`` open for ``action``; None means nothing.
    ``scope_q`` for all of a user's posts; the rights table asks it for the posts holding a capability."""
    if action not in (VIEW, CHANGE):
        raise ValueError(f"unknown action {action!r}")
    spec: Scope = model.scope
    conditions: list[Q] = []
    if spec.area_path:
        paths = grants.resident_area_paths if spec.residents else grants.area_paths
        conditions += [under(spec.area_path, p) for p in outermost(paths[action])]
    if spec.party_org_path:
        conditions += [under(spec.party_org_path, p) for p in outermost(grants.party_org_paths[action])]
    if spec.department and grants.department_ids[action]:
        conditions.append(_ids_q(spec.department, sorted(grants.department_ids[action])))
    if spec.organisation and grants.organisation_ids[action]:
        conditions.append(_ids_q(spec.organisation, sorted(grants.organisation_ids[action])))
    if spec.also and action == VIEW:
        also = spec.also(grants)
        if also is not None:
            conditions.append(also)
    if spec.own and grants.person_id:
        own = spec.own
        conditions.append(own(grants.person_id) if callable(own) else Q(**{own: grants.person_id}))
    if not conditions:
        return None
    combined = conditions[0]
    for condition in conditions[1:]:
        combined |= condition
    return combined


def _ids_q(lookup, ids: list[int]) -> Q:
    return lookup(ids) if callable(lookup) else Q(**{f"{lookup}__in": ids})


def path_granted(user, path: str, action: str = VIEW, *, residents: bool = False) -> bool:
    """Whether the user's area grants reach ``path`` (``residents``: the grants of posts that serve residents,
    as ``Scope(residents=True)`` reads). For a model whose scope is its area path alone (``areas.Area``) it
    is the answer ``restrict`` gives for a row at ``path``, taken from the grants the request holds instead of
    a query; for any scoped model, every row under ``path`` is then the user's by the area grant alone."""
    if path is None or user is None or not user.is_authenticated or not user.is_active:
        return False
    grants = grants_for(user)
    paths = grants.resident_area_paths if residents else grants.area_paths
    return any(is_under(path, granted) for granted in paths[action])


class ScopedQuerySet(models.QuerySet):
    def restrict(self, user, action: str = VIEW):
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        condition = scope_q(self.model, user, action)
        if condition is None:
            return self.none()
        return self.filter(condition)


ScopedManager = models.Manager.from_queryset(ScopedQuerySet)


def get_for_user(queryset_or_model, user, pk, action: str = VIEW, *, field: str = "pk"):
    """One object the user may act on: 404 when it is outside his scope, 403 when he may only read it."""
    queryset = queryset_or_model
    if isinstance(queryset_or_model, type):
        queryset = queryset_or_model.objects.all()
    try:
        obj = queryset.restrict(user, VIEW).get(**{field: pk})
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if action == CHANGE and not queryset.restrict(user, CHANGE).filter(pk=obj.pk).exists():
        raise PermissionDenied
    return obj
