"""Reads about people and posts, and what each post opens: the user context's provider
(``lianxin.core.context``), which scope and the rights table read."""

from django.db.models import Q
from django.utils import timezone

from lianxin.core.context import Held, user_context, user_context_clear
from lianxin.core.paths import ancestor_paths
from lianxin.core.scope import Grants, grants_for
from lianxin.people.models import EstateService, Organisation, OrganisationKind, Person, Post
from lianxin.people.roles import Role, role_rule


def user_current_posts(*, user):
    if not user.is_authenticated or not user.person_id:
        return Post.objects.none()
    return (
        Post.objects.current()
        .filter(person_id=user.person_id)
        .select_related("area", "party_org__area", "department", "organisation", "place")
        .order_by("start_date", "id")
    )


def user_posts_now(*, user) -> list[Post]:
    """The user's current posts (``user_current_posts``), from his context: fetched once per request."""
    return user_context(user).posts


def user_caches_clear(user) -> None:
    """Forget what was computed from the user's posts (after his posts change within one request)."""
    user_context_clear(user)


def _served_estate_paths(company_ids) -> list[str]:
    today = timezone.localdate()
    return list(
        EstateService.objects.filter(company_id__in=company_ids, service_start__lte=today)
        .filter(Q(service_end__isnull=True) | Q(service_end__gte=today))
        .values_list("estate__path", flat=True)
    )


def _territorial_levels():
    from lianxin.areas.models import Level
    from lianxin.party.models import OrgKind

    # Which organisations are the party side of a place (党工委, 社区党委, 小区党支部, 楼栋党小组 …): the kind
    # held at the level of the area it is anchored to. Other kinds (sector committees, chain alliances,
    # mobile and joint branches, task forces, offices) and enterprise branches registered at the county work
    # for their own organisation, whatever area they are anchored to.
    places = {Level.CITY, Level.COUNTY, Level.STREET, Level.TOWNSHIP, Level.COMMUNITY, Level.VILLAGE}
    return {
        OrgKind.COMMITTEE: places,
        OrgKind.WORKING_COMMITTEE: {Level.STREET, Level.TOWNSHIP},
        OrgKind.JOINT_COMMITTEE: {Level.CLUSTER, Level.COMMUNITY, Level.VILLAGE},
        OrgKind.GENERAL_BRANCH: {Level.COMMUNITY, Level.VILLAGE, Level.ESTATE, Level.GRID},
        OrgKind.BRANCH: {Level.COMMUNITY, Level.VILLAGE, Level.ESTATE, Level.GRID},
        OrgKind.GROUP: {Level.BUILDING, Level.UNIT, Level.GRID},
    }


def party_org_area_path(org) -> str:
    """The area a post in this party organisation works over as an area post would, or "" when the
    organisation is not that place's own (its anchor alone grants nothing): one rule for the data scope,
    the case steps and full numbers."""
    from lianxin.party.models import Field, OrgKind

    if org is None or not org.area_id or not org.area_path:
        return ""
    if org.field in (Field.SECTOR, Field.TWO_NEW, Field.SCHOOL, Field.SOE):
        return ""
    if org.area.level not in _territorial_levels().get(org.kind, ()):
        return ""
    prefixes = ancestor_paths(org.path, include_self=False)
    if prefixes and type(org).objects.filter(path__in=prefixes, kind=OrgKind.SECTOR_COMMITTEE).exists():
        return ""  # a branch of a sector committee works for its sector, not for the place it sits in
    return org.area_path


def party_org_sector(org) -> str:
    """The sector whose cases a post in this organisation reads: a sector committee's own."""
    from lianxin.party.models import OrgKind

    return org.sector if org is not None and org.kind == OrgKind.SECTOR_COMMITTEE and org.sector else ""


def post_party_area_path(post) -> str:
    """``party_org_area_path`` of the post's organisation, worked out once per post object."""
    if not post.party_org_id:
        return ""
    cached = getattr(post, "_party_area_path", None)
    if cached is None:
        cached = post._party_area_path = party_org_area_path(post.party_org)
    return cached


def post_area_path(post) -> str:
    """The area a post works over: its own area, or its party organisation's place
    (``party_org_area_path``)."""
    return post.area.path if post.area_id else post_party_area_path(post)


def held_build(*, user) -> list[Held]:
    """The user's current posts as the core's user context holds them: each with its role, the area it
    works over, what it alone opens and its top-bar label. A resident holds none (he sees his own rows)."""
    return [
        Held(
            role=post.role,
            area_path=post_area_path(post),
            grants=post_grants(post),
            label=post_label(post),
            post=post,
        )
        for post in user_current_posts(user=user)
    ]


def grants_build(*, user) -> Grants:
    """What the user's current posts open together (``grants_for``: from his context)."""
    return user_context(user).grants


def post_grants(post: Post) -> Grants:
    """What one post opens, by its role's rule (people.roles.ROLE_RULES) and its kind of scope."""
    grants = Grants()
    rule = role_rule(post.role)
    writes = rule.writes

    def add_area(path, *, writable):
        grants.add("area_paths", path, writable=writable)
        if rule.sees_residents:
            grants.add("resident_area_paths", path, writable=writable)

    if post.area_id:
        add_area(post.area.path, writable=writes)
    if post.party_org_id:
        grants.add("party_org_paths", post.party_org.path, writable=writes)
        if post.role == Role.INSTRUCTOR:
            # A party-building instructor's scope is the branches he is sent to, nothing around them
            # (P003-18).
            pass
        elif sector := party_org_sector(post.party_org):
            # A sector committee serves its sector's workers, not every resident of the place it is
            # registered in: it follows its sector's cases, not the area.
            grants.sectors.add(sector)
        elif place := post_party_area_path(post):
            add_area(place, writable=writes)
    if post.place_id:
        # Staff of a service centre work for the area the centre serves (P002-47).
        add_area(post.place.area_path, writable=writes)
    if post.department_id:
        grants.add("department_ids", post.department_id, writable=writes)
        # A managing department's staff see the estates of the companies it manages (P001-32), read only.
        managed = Organisation.objects.filter(managing_department_id=post.department_id).values("id")
        for path in _served_estate_paths(managed):
            add_area(path, writable=False)
    if post.organisation_id:
        grants.add("organisation_ids", post.organisation_id, writable=writes)
        if post.organisation.kind == OrganisationKind.PROPERTY_COMPANY:
            for path in _served_estate_paths([post.organisation_id]):
                add_area(path, writable=writes)
    return grants


def post_label(post: Post) -> str:
    """The post's short label for the top bar: "网格员 · 幸福里小区" (the role alone without a scope)."""
    scope = post.scope_label
    return f"{post.get_role_display()} · {scope}" if scope else str(post.get_role_display())


def user_sees_full_numbers(*, user, person: Person) -> bool:
    """Whether one of the user's posts both needs full numbers and covers this person."""
    if not user.is_authenticated:
        return False
    if user.person_id == person.pk:
        return True
    for post in user_posts_now(user=user):
        if not role_rule(post.role).sees_full_numbers:
            continue
        paths = [p for p in (post.area.path if post.area_id else "", post_party_area_path(post)) if p]
        if person.area_path and any(person.area_path.startswith(path) for path in paths):
            return True
    return False


def user_post_labels(*, user) -> list[str]:
    """Short labels of the user's current posts, for the top bar: "网格员 · 幸福里小区"."""
    return user_context(user).post_labels if user.is_authenticated else []


__all__ = [
    "grants_build",
    "grants_for",
    "held_build",
    "party_org_area_path",
    "party_org_sector",
    "post_area_path",
    "post_grants",
    "post_label",
    "post_party_area_path",
    "user_caches_clear",
    "user_current_posts",
    "user_post_labels",
    "user_posts_now",
    "user_sees_full_numbers",
]
