"""Where a case goes: the levels above its place, and who takes it at each level.

The chain follows the tree: building → estate (grid) → community (village) → (cluster) → street
(township) → county department. At each level a category may name its taker: the building captain
(P004-14), the estate's property company (P003-10), the grid worker with the category's duty role or an
all-round one (P000-27, P001-28), the street office of a devolved matter (P001-19, P004-02), the county
department of the category (P002-53). Where a level has nobody, the case moves on to the next one; the
community, cluster and street levels always have their staff (the level's pool).
"""

import time
from dataclasses import dataclass
from functools import wraps

from django.db.models import Q
from django.utils import timezone

from lianxin.areas.models import Area
from lianxin.areas.models import Level as AreaLevel
from lianxin.cases.models import Category, HandlingLevel
from lianxin.core.paths import ancestor_paths
from lianxin.people.models import Department, EstateService, Organisation, Person, Post
from lianxin.people.roles import Role

AREA_LEVEL_RANK = {
    AreaLevel.UNIT: HandlingLevel.BUILDING,
    AreaLevel.BUILDING: HandlingLevel.BUILDING,
    AreaLevel.ESTATE: HandlingLevel.ESTATE,
    AreaLevel.GRID: HandlingLevel.ESTATE,
    AreaLevel.COMMUNITY: HandlingLevel.COMMUNITY,
    AreaLevel.VILLAGE: HandlingLevel.COMMUNITY,
    AreaLevel.CLUSTER: HandlingLevel.CLUSTER,
    AreaLevel.STREET: HandlingLevel.STREET,
    AreaLevel.TOWNSHIP: HandlingLevel.STREET,
    AreaLevel.COUNTY: HandlingLevel.COUNTY,
    AreaLevel.CITY: HandlingLevel.COUNTY,
}
# Levels whose staff form a pool that always takes what reaches it.
POOL_LEVELS = {HandlingLevel.COMMUNITY, HandlingLevel.CLUSTER, HandlingLevel.STREET}


# Who takes what changes rarely (a post, a property contract), and routing runs on every report: each
# process keeps what it looked up for a minute. A new captain or company receives cases within a minute.
CACHE_SECONDS = 60
_memo: dict = {}


def cache_clear() -> None:
    _memo.clear()


def _memoised(fn):
    @wraps(fn)
    def wrapper(*args):
        key = (fn.__name__, *(getattr(a, "pk", a) for a in args))
        hit = _memo.get(key)
        now = time.monotonic()
        if hit is not None and now - hit[0] < CACHE_SECONDS:
            return hit[1]
        value = fn(*args)
        if len(_memo) > 100_000:
            _memo.clear()
        _memo[key] = (now, value)
        return value

    return wrapper


@dataclass
class Target:
    level: int
    area: Area  # the area of the level (the building, the estate, the community …)
    person: Person | None = None
    department: Department | None = None
    organisation: Organisation | None = None
    party_org: object = None  # a party.PartyOrg: a branch, a committee, a task force

    @property
    def is_pool(self) -> bool:
        return (
            self.person is None
            and self.department is None
            and self.organisation is None
            and self.party_org is None
        )

    def event_fields(self) -> dict:
        return {
            "target_person": self.person,
            "target_department": self.department,
            "target_organisation": self.organisation,
            "target_party_org": self.party_org,
            "target_area": self.area,
            "target_level": self.level,
        }

    def label(self) -> str:
        return str(self.person or self.department or self.organisation or self.party_org or self.area)


@_memoised
def chain(area: Area) -> dict[int, Area]:
    """The case's place and its ancestors, by handling level (the lowest area of each level)."""
    prefixes = ancestor_paths(area.path)
    ancestors = sorted(Area.objects.filter(path__in=prefixes), key=lambda a: -a.depth)
    levels: dict[int, Area] = {}
    for node in ancestors:
        rank = AREA_LEVEL_RANK[node.level]
        levels.setdefault(rank, node)
    return levels


def level_of(area: Area) -> int:
    return AREA_LEVEL_RANK[area.level]


def _current_posts(**filters):
    today = timezone.localdate()
    return Post.objects.filter(start_date__lte=today).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=today), **filters
    )


@_memoised
def _captain(case_area: Area, building: Area) -> Person | None:
    if case_area.level == AreaLevel.UNIT:
        post = _current_posts(role=Role.UNIT_CAPTAIN, area=case_area).select_related("person").first()
        if post:
            return post.person
    post = (
        _current_posts(role=Role.BUILDING_CAPTAIN, area=building)
        .order_by("id")
        .select_related("person")
        .first()
    )
    return post.person if post else None


@_memoised
def _grid_worker(estate: Area, duty_role: str) -> Person | None:
    posts = list(_current_posts(role=Role.GRID_WORKER, area=estate).order_by("id").select_related("person"))
    if not posts:
        return None
    if duty_role:
        for wanted in (lambda p: duty_role in p.duty_role_list, lambda p: p.is_all_round):
            for post in posts:
                if wanted(post):
                    return post.person
    return posts[0].person


@_memoised
def property_company_of(estate: Area) -> Organisation | None:
    today = timezone.localdate()
    service = (
        EstateService.objects.filter(estate=estate, service_start__lte=today)
        .filter(Q(service_end__isnull=True) | Q(service_end__gte=today))
        .select_related("company")
        .order_by("-service_start")
        .first()
    )
    return service.company if service else None


@_memoised
def department_at(area: Area, code: str) -> Department | None:
    if not code:
        return None
    return Department.objects.filter(area=area, code=code).first()


def taker_at(*, category: Category, level: int, levels: dict[int, Area], case_area: Area) -> Target | None:
    """Who takes a case of ``category`` at ``level``, or None when that level has nobody for it."""
    area = levels.get(level)
    if area is None:
        return None
    if level == HandlingLevel.BUILDING:
        person = _captain(case_area, area)
        return Target(level, area, person=person) if person else None
    if level == HandlingLevel.ESTATE:
        if category.to_property_company:
            company = property_company_of(area)
            if company:
                return Target(level, area, organisation=company)
            # No property company: the community takes it (P003-10), not the grid worker.
            return None
        person = _grid_worker(area, category.duty_role)
        return Target(level, area, person=person) if person else None
    if level == HandlingLevel.STREET:
        matter = category.devolved_matter
        if matter and matter.handler_department_code:
            office = department_at(area, matter.handler_department_code)
            if office:
                return Target(level, area, department=office)
        return Target(level, area)
    if level == HandlingLevel.COUNTY:
        if category.devolved_matter_id:
            return None  # a devolved matter stays with the street
        department = department_at(area, category.department_code)
        return Target(level, area, department=department) if department else Target(level, area)
    return Target(level, area)  # community, cluster: the level's staff


# Bottom to top. (An enum's .values builds a new list on every call, and routing asks on every report.)
LEVELS = tuple(sorted(HandlingLevel.values))


def first_target(*, category: Category, case_area: Area) -> Target:
    """Where a new case goes: its category's first level, or the next level up that has a taker."""
    levels = chain(case_area)
    start = max(category.first_level, level_of(case_area))
    if category.devolved_matter_id:
        start = max(start, HandlingLevel.STREET)
    for level in LEVELS:
        if level < start:
            continue
        target = taker_at(category=category, level=level, levels=levels, case_area=case_area)
        if target:
            return target
    return Target(max(levels), levels[max(levels)])


def next_target(*, category: Category, case_area: Area, above: int) -> Target | None:
    """The first level above ``above`` that has a taker (None at the top of the chain)."""
    levels = chain(case_area)
    for level in LEVELS:
        if level <= above:
            continue
        target = taker_at(category=category, level=level, levels=levels, case_area=case_area)
        if target:
            return target
    return None


# -- intake routers: another app chooses the first handler of a new case ---------------------------------
#
# An app that knows better than the category tree who should take a new case (the provision app matching a
# service order to a provider, say) registers a router from its AppConfig.ready(). ``case_report`` asks the
# routers in their order before the default ``first_target``; the first that answers decides. A router
# answers with a Target (``target_at`` builds one for a person, department, organisation or party
# organisation) or None to leave the case to the next router and, at the end, to the category tree.
_intake_routers: dict[str, object] = {}


def intake_router_register(route, *, name: str = "") -> None:
    """Add ``route(*, actor, category, area, extra) -> Target | None``; registering the same name again
    replaces the router (an app's ready() may run twice in tests)."""
    _intake_routers[name or f"{route.__module__}.{route.__qualname__}"] = route


def intake_router_unregister(route=None, *, name: str = "") -> None:
    _intake_routers.pop(name or f"{route.__module__}.{route.__qualname__}", None)


def intake_target(*, actor, category: Category, area: Area, extra: dict | None = None) -> Target:
    """Where a new case goes: the first registered router's answer, else ``first_target``."""
    for route in list(_intake_routers.values()):
        target = route(actor=actor, category=category, area=area, extra=extra or {})
        if target is not None:
            return target
    return first_target(category=category, case_area=area)


def target_at(handler, *, case_area: Area) -> Target:
    """The target for a handler named outright: a person at the level of his post over the place (the
    place itself when he holds none there), a department at its own level, a party organisation at the
    place it is anchored to when that is over the case's place, an organisation (or a party organisation
    anchored elsewhere) at the place's estate, or the place."""
    from lianxin.party.models import PartyOrg

    if isinstance(handler, Person):
        post = (
            _current_posts(person=handler, area__isnull=False)
            .select_related("area")
            .order_by("-area__depth")
            .filter(area__path__in=ancestor_paths(case_area.path))
            .first()
        )
        area = post.area if post else case_area
        return Target(level_of(area), area, person=handler)
    if isinstance(handler, Department):
        return Target(level_of(handler.area), handler.area, department=handler)
    if isinstance(handler, PartyOrg) and handler.area_id and case_area.path.startswith(handler.area_path):
        return Target(level_of(handler.area), handler.area, party_org=handler)
    estate = chain(case_area).get(HandlingLevel.ESTATE)
    level, area = (HandlingLevel.ESTATE, estate) if estate else (level_of(case_area), case_area)
    if isinstance(handler, Organisation):
        return Target(level, area, organisation=handler)
    if isinstance(handler, PartyOrg):
        return Target(level, area, party_org=handler)
    raise TypeError(f"no target for {handler!r}")


def dispatcher_of(case_area: Area) -> Area:
    """The level that dispatches a new case of this place: its community or village (or the lowest pool
    above the place when it sits higher)."""
    levels = chain(case_area)
    for level in sorted(POOL_LEVELS | {HandlingLevel.COUNTY}):
        if level in levels and level >= min(level_of(case_area), HandlingLevel.COMMUNITY):
            return levels[level]
    return levels[max(levels)]


# -- dispatch choices: another app narrows whom a kind's cases may be sent to ---------------------------
#
# A handler named outright (at intake or at dispatch) is any person, department or organisation serving the
# place. An app that knows better for its kind (the provision app: a service order goes only to a listed
# provider offering the item at the place) registers a function from its AppConfig.ready():
# ``choices(*, category, area) -> DispatchChoices | None``. Its answer is one rule with two readers: the
# dispatch page offers only those organisations of the kinds it governs (``dispatch_choices``), and
# ``handler_target`` refuses any other of those kinds with the answer's reason (400 on ``target``), for the
# page, the API and every other caller alike.


@dataclass(frozen=True)
class DispatchChoices:
    organisation_kinds: tuple[str, ...]  # the organisation kinds this answer governs (e.g. provider)
    organisations: tuple  # the only organisations of those kinds offered and accepted, best first
    refusal: str  # why another one of those kinds is refused (Chinese, for the user)


_dispatch_choices: dict[str, dict[str, object]] = {}


def dispatch_choices_register(kind: str, choices, *, name: str = "") -> None:
    """Add ``choices(*, category, area) -> DispatchChoices | None`` for the cases of ``kind``; registering
    the same name again replaces it."""
    from lianxin.cases.models import Kind

    if kind not in Kind.values:
        raise ValueError(f"unknown case kind {kind!r}")
    _dispatch_choices.setdefault(kind, {})[name or f"{choices.__module__}.{choices.__qualname__}"] = choices


def dispatch_choices_unregister(kind: str, choices=None, *, name: str = "") -> None:
    _dispatch_choices.get(kind, {}).pop(name or f"{choices.__module__}.{choices.__qualname__}", None)


def dispatch_choices(*, category: Category, area: Area) -> list[DispatchChoices]:
    """The registered answers for a case of ``category`` at ``area`` (none: any handler serving the place)."""
    answers = []
    for choices in list(_dispatch_choices.get(category.kind, {}).values()):
        answer = choices(category=category, area=area)
        if answer is not None:
            answers.append(answer)
    return answers


def dispatch_choice_refusal(*, category: Category, area: Area, organisation) -> str:
    """Why ``organisation`` may not take a case of ``category`` at ``area`` ("" when it may)."""
    for answer in dispatch_choices(category=category, area=area):
        if organisation.kind in answer.organisation_kinds and all(
            o.pk != organisation.pk for o in answer.organisations
        ):
            return answer.refusal
    return ""
