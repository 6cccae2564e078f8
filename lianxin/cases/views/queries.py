"""Reads the case pages need beside the engine's selectors: where a user may report, whom a case may be
sent to, what an area page shows of its open key items. Each starts from ``restrict(user)`` or from the
tree above a case the user already sees (its place's ancestors and the departments, companies and posts
that serve them: dispatch targets, not residents' data)."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Q
from django.urls import reverse

from lianxin.areas.models import Area, Household, Level
from lianxin.cases.intake import USER_LEVELS
from lianxin.cases.models import Case, Category, Kind
from lianxin.cases.routing import dispatch_choices, property_company_of
from lianxin.cases.selectors import (
    CaseFilters,
    case_list,
)
from lianxin.core.geo import distance_m
from lianxin.core.paths import ancestor_paths, parent_path
from lianxin.core.rights import may, paths_with, roles_with
from lianxin.core.scope import VIEW, under
from lianxin.people.models import Department, Organisation, OrganisationKind, Person, Post

# Levels a case can be placed on: the intake rule's, one set for the page and the rule it must agree with.
REPORT_LEVELS = USER_LEVELS
ESTATE_LEVELS = {Level.ESTATE, Level.GRID}
# A wide scope lists its places down to the estates; buildings are chosen on the estate's own scope.
PLACE_LIST_LIMIT = 300
# The longest list of handlers a dispatch or intake form offers of one kind (organisations, party ones).
INTAKE_TARGET_LIMIT = 200


@dataclass
class PlaceOption:
    area: Area
    label: str

    @property
    def pk(self) -> int:
        return self.area.pk


def place_options(areas: list[Area]) -> list[PlaceOption]:
    """Each area with the names above it, from the highest listed level down
    (梧桐里社区 › 幸福小区 › 1号楼)."""
    if not areas:
        return []
    top = min(a.depth for a in areas)
    wanted = {p for a in areas for p in ancestor_paths(a.path)[top - 1 :]}
    names = dict(Area.objects.filter(path__in=wanted).values_list("path", "name"))
    options = []
    for area in sorted(areas, key=lambda a: a.path):
        chain = [names.get(p, "") for p in ancestor_paths(area.path)[top - 1 :]]
        options.append(PlaceOption(area, " › ".join(n for n in chain if n)))
    return options


def household_of(user) -> Household | None:
    if not user.person_id:
        return None
    return (
        Household.objects.restrict(user).filter(residents__pk=user.person_id).select_related("area").first()
    )


def _household_chain(user) -> list[Area]:
    """The resident's household's place and the places above it, up to his community or village."""
    household = household_of(user)
    home = household.area if household else None
    if home is None and user.person_id and user.person.area_id:
        home = user.person.area
    if home is None:
        return []
    chain = Area.objects.filter(path__in=ancestor_paths(home.path), level__in=REPORT_LEVELS - {Level.STREET})
    return [a for a in chain.live() if a.level not in (Level.TOWNSHIP, Level.CLUSTER)]


def report_places(user) -> list[PlaceOption]:
    """Where the user may place a report: the places of his posts (down to the building, or to the estate
    for a wide scope) and his own household's chain."""
    scoped = Area.objects.restrict(user, VIEW).live().filter(level__in=REPORT_LEVELS)
    areas = list(scoped[: PLACE_LIST_LIMIT + 1])
    if len(areas) > PLACE_LIST_LIMIT:
        areas = list(scoped.exclude(level__in=[Level.BUILDING, Level.UNIT])[:PLACE_LIST_LIMIT])
    known = {a.pk for a in areas}
    areas += [a for a in _household_chain(user) if a.pk not in known]
    return place_options(areas)


def nearby_estates(user) -> list[Area]:
    """The estates a position may place a report in: those of the user's scope, or for a resident those of
    his own community (the map pin)."""
    estates = list(Area.objects.restrict(user, VIEW).live().filter(level__in=ESTATE_LEVELS)[:1000])
    if estates:
        return estates
    chain = _household_chain(user)
    community = next((a for a in chain if a.level in (Level.COMMUNITY, Level.VILLAGE)), None)
    if community is None:
        return []
    return list(Area.objects.live().filter(under("path", community.path), level__in=ESTATE_LEVELS))


def nearest_estate(estates: list[Area], lat, lng) -> Area | None:
    """The estate (grid) nearest to the point, among those with a recorded position."""
    located = [e for e in estates if e.lat is not None and e.lng is not None]
    if lat in (None, "") or lng in (None, "") or not located:
        return None
    try:
        return min(located, key=lambda e: distance_m(lat, lng, e.lat, e.lng))
    except (TypeError, ValueError):
        return None


def report_categories(user, *, public_only: bool) -> list[tuple[Category, str]]:
    """Categories with their place in the tree shown by indentation, for the category list."""
    from lianxin.cases.kinds import kinds

    # The kinds the registry lists on the report page (issued kinds are not reported).
    qs = Category.objects.filter(is_active=True, kind__in=kinds(report_page=True))
    if public_only:
        qs = qs.filter(is_public=True)
    return [(c, "　" * (c.depth - 1) + c.name) for c in qs.order_by("path")]


def resident_categories(user) -> list[tuple[Category, str]]:
    """What a resident files from his phone: the problem and dispute categories the intake guard lets him
    file (``cases.intake.category_allowed``: public, not issued by the levels), without those of another
    group's channel (a sector's, such as couriers' requests, and enterprises' matters, which a street takes
    first)."""
    from lianxin.cases.intake import category_allowed
    from lianxin.cases.kinds import kinds
    from lianxin.cases.models.enums import HandlingLevel

    qs = (
        Category.objects.filter(is_active=True, is_public=True, kind__in=kinds(resident_page=True), sector="")
        .exclude(first_level__gte=HandlingLevel.STREET)
        .order_by("path")
    )
    categories = [c for c in qs if not category_allowed(user, c)]
    # A child whose parent is left out is shown at the top level.
    kept = {c.path for c in categories}
    return [
        (c, ("　" if c.depth > 1 and parent_path(c.path, Category.steplen) in kept else "") + c.name)
        for c in categories
    ]


def snapshot_categories() -> list[Category]:
    """The big buttons of the snapshot page: the top-level problem categories residents can report."""
    return list(
        Category.objects.filter(is_active=True, is_public=True, depth=1, kind=Kind.PROBLEM).order_by("path")
    )


def linked_households(user):
    """The households a liaison links ("1+11"), as far as his scope reaches."""
    from lianxin.party.models import LiaisonLink

    if not user.person_id:
        return Household.objects.none()
    links = LiaisonLink.objects.restrict(user).filter(liaison_id=user.person_id).values("household_id")
    return Household.objects.restrict(user).filter(pk__in=links).order_by("address")


def on_behalf_persons(user):
    """The residents a worker may report for: those of the households he links as a liaison."""
    return (
        Person.objects.restrict(user)
        .filter(household__in=linked_households(user))
        .select_related("household")
        .order_by("household__address", "id")
    )


def visit_households(user, limit: int = 500) -> list[Household]:
    """The households a visitor picks from: his linked ones first, then those of his scope."""
    linked = list(linked_households(user)[:limit])
    seen = {h.pk for h in linked}
    rest = [
        h
        for h in Household.objects.restrict(user).order_by("area_path", "address")[: limit - len(linked)]
        if h.pk not in seen
    ]
    return linked + rest


# -- dispatch targets --------------------------------------------------------------------------------


@dataclass
class TargetOption:
    value: str  # "person:12", "department:3", "organisation:7"
    label: str
    obj: object
    group: str


def _person_targets(case: Case) -> list[TargetOption]:
    posts = (
        Post.objects.current()
        .filter(area__path__in=ancestor_paths(case.area_path), role__in=sorted(roles_with("case.work")))
        .select_related("person", "area")
        .order_by("-area__depth", "role", "id")
    )
    seen, options = set(), []
    for post in posts:
        if post.person_id in seen:
            continue
        seen.add(post.person_id)
        label = f"{post.person.name} · {post.get_role_display()} · {post.area.name}"
        options.append(TargetOption(f"person:{post.person_id}", label, post.person, "person"))
    return options


def _department_targets(paths: list[str]) -> list[TargetOption]:
    departments = (
        Department.objects.filter(area_path__in=paths).select_related("area").order_by("-area__depth", "name")
    )
    return [
        TargetOption(f"department:{d.pk}", f"{d.name} · {d.area.name}", d, "department") for d in departments
    ]


def dispatch_targets(case: Case, user=None) -> list[TargetOption]:
    """Whom the case may be sent to: the workers and staff posted over its place, the departments of the
    levels above it, the estate's property company and the providers serving the place, and (for the
    dispatcher ``user``) the other organisations and the party organisations his posts reach over it."""
    prefixes = ancestor_paths(case.area_path)
    options = _person_targets(case) + _department_targets(prefixes)
    estate = next(
        (a for a in Area.objects.filter(path__in=prefixes, level__in=ESTATE_LEVELS).order_by("-depth")), None
    )
    companies = [property_company_of(estate)] if estate else []
    companies += list(
        Organisation.objects.filter(kind=OrganisationKind.PROVIDER, area_path__in=prefixes).order_by("name")
    )
    if user is not None:
        companies += list(
            Organisation.objects.restrict(user, VIEW)
            .filter(area_path__in=prefixes)
            .exclude(kind__in=[OrganisationKind.PROPERTY_COMPANY, OrganisationKind.PROVIDER])
            .order_by("kind", "name")[:INTAKE_TARGET_LIMIT]
        )
    # An app's dispatch choices for this kind replace the organisations of the kinds they govern (the
    # service checks the same answer: routing.dispatch_choice_refusal).
    for answer in dispatch_choices(category=case.category, area=case.area):
        companies = [o for o in companies if o is None or o.kind not in answer.organisation_kinds]
        companies += [o for o in answer.organisations if o not in companies]
    options += [
        TargetOption(f"organisation:{o.pk}", f"{o.name} · {o.get_kind_display()}", o, "organisation")
        for o in companies
        if o is not None
    ]
    return options + (party_org_targets(user, prefixes) if user is not None else [])


def party_org_targets(user, prefixes: list[str] | None = None) -> list[TargetOption]:
    """The party organisations a user's posts reach that may take a case: those of his own party posts and
    below, and those anchored at (or, given ``prefixes``, over) the places he covers."""
    from lianxin.party.models import PartyOrg

    orgs = PartyOrg.objects.restrict(user, VIEW)
    if prefixes is not None:
        orgs = orgs.filter(Q(area_path__in=prefixes) | Q(area__isnull=True))
    return [
        TargetOption(f"party_org:{o.pk}", f"{o.name} · {o.get_kind_display()}", o, "party_org")
        for o in orgs.order_by("path")[:INTAKE_TARGET_LIMIT]
    ]


def whistle_departments(case: Case) -> list[TargetOption]:
    """The departments a street may summon to a case: its own offices and the county's departments."""
    paths = [
        p
        for p in ancestor_paths(case.area_path)
        if Area.objects.filter(path=p, level__in=[Level.STREET, Level.TOWNSHIP, Level.COUNTY]).exists()
    ]
    return _department_targets(paths)


def bulk_dispatch_targets(user) -> list[TargetOption]:
    """Departments a staff member's bulk dispatch may choose: those of his levels, the levels above, and
    the street offices below a county post."""
    paths = paths_with(user, "case.dispatch")
    if not paths:
        return []
    above = {p for path in paths for p in ancestor_paths(path)}
    below = Q()
    for path in paths:
        below |= under("area_path", path)
    departments = (
        Department.objects.filter(Q(area_path__in=sorted(above)) | below)
        .select_related("area")
        .order_by("area__depth", "area__path", "name")[:200]
    )
    return [
        TargetOption(f"department:{d.pk}", f"{d.name} · {d.area.name}", d, "department") for d in departments
    ]


def intake_targets(user) -> list[TargetOption]:
    """Whom staff may send a case they take in: the workers and staff posted at or under their levels, the
    departments of bulk dispatch, and the organisations their posts reach. The service checks again that
    the one chosen serves the place of the case."""
    paths = paths_with(user, "case.dispatch")
    if not paths:
        return []
    below = Q()
    for path in paths:
        below |= under("area__path", path)
    posts = (
        Post.objects.current()
        .filter(below, role__in=sorted(roles_with("case.work")))
        .select_related("person", "area")
        .order_by("area__path", "role", "id")[:INTAKE_TARGET_LIMIT]
    )
    options, seen = [], set()
    for post in posts:
        if post.person_id not in seen:
            seen.add(post.person_id)
            label = f"{post.person.name} · {post.get_role_display()} · {post.area.name}"
            options.append(TargetOption(f"person:{post.person_id}", label, post.person, "person"))
    options += bulk_dispatch_targets(user)
    organisations = Organisation.objects.restrict(user, VIEW).order_by("kind", "name")[:INTAKE_TARGET_LIMIT]
    options += [
        TargetOption(f"organisation:{o.pk}", f"{o.name} · {o.get_kind_display()}", o, "organisation")
        for o in organisations
    ]
    return options + party_org_targets(user)


# -- what a case page links to -----------------------------------------------------------------------


def case_links(user, case: Case) -> dict:
    """The cases this one was raised from, raised, was merged into or took in: only those the user sees."""
    visible = Case.objects.restrict(user, VIEW)
    return {
        "raised_from": visible.filter(pk=case.related_case_id).first() if case.related_case_id else None,
        "raised": list(visible.filter(related_case=case).order_by("id")[:20]),
        "merged_into": visible.filter(pk=case.merged_into_id).first() if case.merged_into_id else None,
        "merged": list(visible.filter(merged_into=case).order_by("id")[:20]),
    }


# -- an area's open key items (P000-28) --------------------------------------------------------------

KEY_ITEMS_SHOWN = 10


def area_key_items(user, area: Area) -> dict:
    """Open cases under the area that need attention (urgent, overdue, supervised, disputes) and the
    households grid work watches (tagged: 独居老人, 低保 …), both as far as the user's scope reaches."""
    open_cases = case_list(user=user, filters=CaseFilters(area=area, state="open"))
    # The same filter as the staff case list's figure=key_open, so the count and its list agree.
    key = case_list(user=user, filters=CaseFilters(area=area, figure="key_open"))
    watched = (
        Household.objects.restrict(user)
        .filter(under("area_path", area.path), tags__isnull=False)
        .distinct()
        .prefetch_related("tags")
        .order_by("area_path", "address")
    )
    return {
        "open_count": open_cases.count(),
        "key_cases": list(key.select_related("category").order_by("handle_due", "id")[:KEY_ITEMS_SHOWN]),
        "key_count": key.count(),
        # Staff open the whole list on the case list; the panel shows the first few.
        "key_url": "/cases/?" + urlencode({"area": area.pk, "figure": "key_open"})
        if may(user, "case.dispatch")
        else "",
        "watched": list(watched[:KEY_ITEMS_SHOWN]),
        "watched_count": watched.count(),
        # The whole list, with its count, on the area's households page (the same households).
        "watched_url": reverse("areas:households", args=[area.pk]) + "?watched=1",
    }
