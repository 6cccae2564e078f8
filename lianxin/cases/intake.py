"""Who may file what, and where (the intake guard): one rule for the report page, 随手拍,
``POST /api/v1/cases/`` and Open311's POST (issue 18, issue 19). The report itself is written by
``services.intake.case_report``; every entry point calls ``intake_check`` first with the category and place
it is about to report.

- Kinds: the kinds registry (``cases/kinds.py``, ``filed_by``) names those issued by the levels: tasks (交办)
  and service orders come from staff of the level (书记, 两委, 社区工作者, 组织部), never from a resident's,
  worker's or program's report.
- Categories: a resident (no worker post) and an external system file only the public categories; workers and
  staff also the internal ones.
- Places (the report page's rule): a place the user's posts open (at street level or below), or any place of
  the community or village he lives in; an external system only inside its key's area.

A refused kind or category is a 403 (code "forbidden"), a refused place a 400 naming the field, both with a
Chinese reason.
"""

from django.utils.translation import gettext as _

from lianxin.areas.models import Area, Level
from lianxin.cases import permissions
from lianxin.cases.kinds import kind_spec
from lianxin.cases.models import Category
from lianxin.core.context import user_context
from lianxin.core.errors_domain import DomainError
from lianxin.core.paths import ancestor_paths
from lianxin.core.scope import VIEW, path_granted

# Levels a user's report is placed on: a county-level matter is placed on the street or below.
USER_LEVELS = frozenset(
    {
        Level.STREET,
        Level.TOWNSHIP,
        Level.CLUSTER,
        Level.COMMUNITY,
        Level.VILLAGE,
        Level.ESTATE,
        Level.GRID,
        Level.BUILDING,
        Level.UNIT,
    }
)
HOME_LEVELS = (Level.COMMUNITY, Level.VILLAGE)


# External systems and their service accounts belong to an adapter above this app (Open311): it registers
# how to find the system an account reports for (external_system_resolver_register, from its
# AppConfig.ready()), so the cases import no adapter.
_system_resolvers: list = []


def external_system_resolver_register(resolve) -> None:
    """Add ``resolve(user)``: the active external system whose service account ``user`` is, or None. A system
    has an ``area`` bounding where it may report."""
    if resolve not in _system_resolvers:
        _system_resolvers.append(resolve)


def external_system_of(user):
    """The external system whose service account this is (Open311 keys and their JSON API tokens)."""
    if user is None or not getattr(user, "pk", None):
        return None
    # Asked by the endpoint and again by the intake guard: looked up once per request.
    return user_context(user).memo("cases.external_system", lambda: _system_of(user))


def _system_of(user):
    for resolve in _system_resolvers:
        system = resolve(user)
        if system is not None:
            return system
    return None


def home_community_path(user) -> str:
    """The path of the community (or village) the user lives in: his household's, else his own place's."""
    from lianxin.areas.models import Household

    if not getattr(user, "person_id", None):
        return ""
    household = (
        Household.objects.restrict(user).filter(residents__pk=user.person_id).values_list("area_path").first()
    )
    home = household[0] if household else (user.person.area_path or "")
    if not home:
        return ""
    chain = Area.objects.filter(path__in=ancestor_paths(home), level__in=HOME_LEVELS).order_by("-depth")
    return chain.values_list("path", flat=True).first() or ""


def category_allowed(user, category: Category, *, system=None, area: Area | None = None) -> str:
    """Why this user may not file this category ("" when he may)."""
    if not category.is_active:
        return _("This category is no longer in use. Choose another.")
    issued = kind_spec(category.kind).issued
    if issued:
        # The staff of the level, or whoever an app names as issuing there (a group leader, issue 22).
        issuer = system is None and (
            permissions.is_issuer_over(user, area.path)
            if area is not None
            else permissions.takes_calls(user) or bool(permissions.issuer_paths(user))
        )
        if not issuer:
            return _("%(kind)s cases are issued by the staff of the level; they cannot be reported.") % {
                "kind": category.get_kind_display()
            }
    if not category.is_public and (system is not None or not (issued or permissions.is_worker(user))):
        return _("This category is for staff. Choose one of the categories offered to you.")
    return ""


def place_allowed(user, area: Area, *, system=None) -> bool:
    """Whether the user may place a report here (see the module's rule for places)."""
    # A retired place is refused by the report itself, naming its successor.
    if system is not None:
        return area.path.startswith(system.area.path)
    if area.level not in USER_LEVELS:
        return False
    if path_granted(user, area.path, VIEW):  # Area's scope is its path: no query
        return True
    home = home_community_path(user)
    return bool(home) and area.path.startswith(home)


def intake_check(user, *, category: Category, area: Area, system=None) -> None:
    """Refuse (``DomainError``) a report of ``category`` at ``area`` that this user may not file. ``system``
    is the external system reporting through its account (looked up when not given)."""
    if system is None:
        system = external_system_of(user)
    reason = category_allowed(user, category, system=system, area=area)
    if reason:
        raise DomainError(reason, code="forbidden", field="category")
    if not place_allowed(user, area, system=system):
        message = (
            _("This place is outside the area of your system's key.")
            if system is not None
            else _("Choose a place you may report in: one your post covers, or in your own community.")
        )
        raise DomainError(message, code="invalid", field="area")
