"""Reads for the area pages: the areas a user may start from, children with their counts, an area's facts,
posts, places, party organisations and households. Every query starts from ``restrict(user)``, so the counts
a user reads are the counts of what he may open."""

from dataclasses import dataclass, field
from os.path import commonprefix

from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet
from django.db.models.functions import Substr

from lianxin.areas.models import HOUSEHOLD_LEVELS, Area, Household, Level, Place
from lianxin.areas.services import cluster_size_warning
from lianxin.core.paths import ancestor_paths
from lianxin.core.scope import VIEW, grants_for, outermost, under
from lianxin.party.models import Membership, MembershipKind, PartyOrg
from lianxin.people.models import Person, Post

# Who counts as a party member in the figures: full and probationary members, not applicants.
MEMBER_KINDS = (MembershipKind.FULL, MembershipKind.PROBATIONARY)

# The figures of the area table, in the order of its columns (population is on the pages and the API).
AREA_METRICS = ("households", "persons", "population", "members", "party_orgs", "posts")
# Population (人口) is counted where the household is: docs/figures.md "人口与人员".
POPULATION_PATH = "household__area_path"


def counts_by_prefix(queryset: QuerySet, path_field: str, paths) -> dict[str, int]:
    """How many rows of ``queryset`` lie under each of ``paths``: one grouped query per path length.

    Siblings share a length, so a table of children costs one query per figure, not one per child.
    """
    counts = {path: 0 for path in paths}
    by_length: dict[int, list[str]] = {}
    for path in counts:
        by_length.setdefault(len(path), []).append(path)
    for length, group in by_length.items():
        rows = (
            queryset.filter(under(path_field, commonprefix(group)))
            .annotate(_under=Substr(path_field, 1, length))
            .filter(_under__in=group)
            .order_by()
            .values("_under")
            .annotate(n=Count("pk"))
            .values_list("_under", "n")
        )
        counts.update(dict(rows))
    return counts


def population_persons(user=None) -> QuerySet:
    """The population (人口) of the territory: persons recorded in a household, placed where the household
    is. A person with no household (a worker or a courier registered at an area) is one of the area's
    persons (人员), not of its population. One definition for the area page, the API, the cluster figure
    and the dashboard (docs/figures.md)."""
    persons = Person.objects.restrict(user) if user is not None else Person.objects.all()
    return persons.filter(household__isnull=False)


def area_population(*, user, area: Area) -> int:
    return population_persons(user).filter(under(POPULATION_PATH, area.path)).count()


def members_current(user) -> QuerySet:
    """Current home memberships of full and probationary members: each member counted once."""
    return Membership.objects.restrict(user).current().filter(is_home=True, kind__in=MEMBER_KINDS)


def posts_current(user) -> QuerySet:
    return Post.objects.restrict(user).current()


def _metric_querysets(user) -> dict[str, QuerySet]:
    return {
        "households": Household.objects.restrict(user),
        "persons": Person.objects.restrict(user),
        "members": members_current(user),
        "party_orgs": PartyOrg.objects.restrict(user),
        "posts": posts_current(user),
    }


def area_counts(*, user, areas) -> dict[str, dict[str, int]]:
    """For each area (by path): households, persons, party members, party organisations anchored in it and
    current posts, everything under it included, as far as the user may see."""
    paths = [area.path for area in areas]
    by_metric = {
        metric: counts_by_prefix(queryset, "area_path", paths)
        for metric, queryset in _metric_querysets(user).items()
    }
    by_metric["population"] = counts_by_prefix(population_persons(user), POPULATION_PATH, paths)
    return {path: {metric: by_metric[metric][path] for metric in AREA_METRICS} for path in paths}


def user_has_area_posts(user) -> bool:
    """Whether any current post of the user opens an area (the area browser is his)."""
    return bool(grants_for(user).area_paths[VIEW])


def user_serves_residents(user) -> bool:
    """Whether any current post of the user opens the residents of an area (the person search is his)."""
    return bool(grants_for(user).resident_area_paths[VIEW])


def area_roots(*, user) -> QuerySet:
    """The outermost areas the user's posts open: where his browsing starts."""
    tops = outermost(grants_for(user).area_paths[VIEW])
    return Area.objects.restrict(user).filter(path__in=tops).order_by("path")


def area_children(*, user, area: Area) -> QuerySet:
    return Area.objects.restrict(user).filter(under("path", area.path), depth=area.depth + 1).order_by("path")


def area_ancestors(*, user, area: Area) -> list[Area]:
    """The crumbs above ``area``: the ancestors the user may open, linked; the others by name only."""
    paths = ancestor_paths(area.path, include_self=False)
    visible = set(Area.objects.restrict(user).filter(path__in=paths).values_list("path", flat=True))
    # Names of ancestors are shown even above the user's scope (a grid worker sees which community and
    # street his estate is in); their figures and pages are not.
    crumbs = list(Area.objects.filter(path__in=paths).order_by("path").only("id", "name", "path", "level"))
    for crumb in crumbs:
        crumb.is_visible = crumb.path in visible
    return crumbs


@dataclass
class AreaRow:
    area: Area
    counts: dict[str, int]


def area_rows(*, user, areas) -> list[AreaRow]:
    areas = list(areas)
    counts = area_counts(user=user, areas=areas)
    return [AreaRow(area=area, counts=counts[area.path]) for area in areas]


def area_totals(rows: list[AreaRow]) -> dict[str, int]:
    return {metric: sum(row.counts[metric] for row in rows) for metric in AREA_METRICS}


@dataclass
class AreaFacts:
    """What the detail page tells about one area, beyond its own fields."""

    counts: dict[str, int]
    registered_population: int
    registered_share: float | None  # registered ÷ official population (P001-02)
    actual_households: int
    households_share: float | None  # actual ÷ planned households, communities (P001-13)
    cluster_warning: str = ""
    cluster_villages: int = 0
    notes: list[str] = field(default_factory=list)


def share(part: int, whole: int | None) -> float | None:
    if not whole:
        return None
    return part / whole


def cluster_facts(*, user, cluster: Area) -> tuple[int, str]:
    """A cluster's live villages the user may see, and the 3–5 warning (P000-01): for the page and the API."""
    villages = (
        Area.objects.restrict(user)
        .filter(under("path", cluster.path), level=Level.VILLAGE, retired_on__isnull=True)
        .count()
    )
    return villages, cluster_size_warning(cluster=cluster)


def area_facts(*, user, area: Area) -> AreaFacts:
    counts = area_counts(user=user, areas=[area])[area.path]
    # Registered population: the persons recorded in households under the area (P001-02, P000-02).
    registered = counts["population"]
    facts = AreaFacts(
        counts=counts,
        registered_population=registered,
        registered_share=share(registered, area.official_population),
        actual_households=counts["households"],
        households_share=share(counts["households"], area.planned_households),
    )
    if area.level == Level.CLUSTER:
        facts.cluster_villages, facts.cluster_warning = cluster_facts(user=user, cluster=area)
    return facts


def area_posts(*, user, area: Area) -> QuerySet:
    """Current posts held over this very node (not its subtree), with the holder."""
    return posts_current(user).filter(area=area).select_related("person").order_by("role", "start_date", "id")


def area_subtree_posts(*, user, area: Area, role: str = "") -> QuerySet:
    """Current posts anywhere under the area, whatever their scope kind (area, organisation, department)."""
    posts = (
        posts_current(user)
        .filter(under("area_path", area.path))
        .select_related("person", "area", "party_org", "department", "organisation", "place")
        .order_by("area_path", "role", "id")
    )
    if role:
        posts = posts.filter(role=role)
    return posts


def posts_people(posts: QuerySet) -> int:
    """The distinct people holding ``posts``: one person with two posts is one person (P001-25)."""
    return posts.order_by().values("person_id").distinct().count()


def area_places(*, user, area: Area) -> QuerySet:
    return (
        Place.objects.restrict(user)
        .filter(area=area)
        .select_related("parent_place")
        .prefetch_related("designations")
        .order_by("name")
    )


def area_party_orgs(*, user, area: Area) -> QuerySet:
    return PartyOrg.objects.restrict(user).filter(area=area).order_by("path")


def persons_visible_ids(*, user, person_ids) -> set[int]:
    """Which of these persons the user may open (to link a name only when the page behind it opens)."""
    return set(Person.objects.restrict(user).filter(pk__in=set(person_ids)).values_list("pk", flat=True))


def area_lists_households(area: Area) -> bool:
    """Buildings, units, villages and grids list their households on their page."""
    return area.level in HOUSEHOLD_LEVELS


def household_list(*, user, area: Area) -> QuerySet:
    """Households under the area with their tags, the residents the user may see, and whether the household
    is a party member household (共产党员户, P004-17: at least one current member lives in it).

    The plaque is derived, not stored: it appears when a member moves in and goes when none is left. A
    membership is placed where its member lives, so whoever sees the household sees its members' rows.
    """
    member_lives_here = (
        Membership.objects.restrict(user)
        .current()
        .filter(person__household=OuterRef("pk"), kind__in=MEMBER_KINDS)
    )
    return (
        Household.objects.restrict(user)
        .filter(under("area_path", area.path))
        .annotate(has_member=Exists(member_lives_here))
        .prefetch_related(
            "tags",
            Prefetch("residents", queryset=Person.objects.restrict(user).order_by("id"), to_attr="visible"),
        )
        .order_by("area_path", "id")
    )


def four_roles_figures(*, user, area: Area) -> dict:
    """The four roles (四大员, P002-58) under an area: posts per role and the distinct people holding any."""
    from lianxin.people.roles import FOUR_ROLES, Role

    posts = posts_current(user).filter(under("area_path", area.path), role__in=FOUR_ROLES)
    by_role = dict(posts.order_by().values("role").annotate(n=Count("pk")).values_list("role", "n"))
    return {
        "roles": [
            {"role": str(r), "label": str(Role(r).label), "posts": by_role.get(r, 0)} for r in FOUR_ROLES
        ],
        "people": posts.order_by().values("person_id").distinct().count(),
    }


def area_level_counts(*, user, area: Area) -> list[tuple[str, str, int]]:
    """The live areas under ``area`` by level (P001-01: 2 streets, 15 communities, 106 estates …)."""
    counts = dict(
        Area.objects.restrict(user)
        .live()
        .filter(under("path", area.path), depth__gt=area.depth)
        .order_by()
        .values("level")
        .annotate(n=Count("pk"))
        .values_list("level", "n")
    )
    return [
        (str(level), str(Level(level).label), counts[level]) for level in Level.values if counts.get(level)
    ]
