"""Persons and posts over the API. Numbers are only ever masked here: the full value is opened on the
person's page, for a stated reason, and logged; no API answer carries it."""

from datetime import date

from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema

from lianxin.areas.models import Area, Household
from lianxin.areas.selectors import area_subtree_posts, persons_visible_ids, posts_current, posts_people
from lianxin.core.api_pagination import PageParams, page_schema, paginate
from lianxin.core.api_types import ObjectId
from lianxin.core.scope import get_for_user
from lianxin.party.models import Membership, PartyOrg
from lianxin.people.models import Person
from lianxin.people.roles import Role
from lianxin.people.views.persons import person_search_queryset

persons_router = Router(tags=[_("Persons")])
posts_router = Router(tags=[_("Posts")])


class PlaceRef(Schema):
    id: int
    name: str


class PersonOut(Schema):
    id: int
    name: str
    gender: str
    gender_label: str
    mobile_masked: str
    id_number_masked: str
    area: PlaceRef | None
    household_id: int | None
    address: str


class PostBrief(Schema):
    id: int
    role: str
    role_label: str
    scope_label: str
    start_date: date


class MembershipBrief(Schema):
    org_id: int | None
    org_name: str
    kind: str
    kind_label: str
    is_home: bool


class PersonDetailOut(PersonOut):
    posts: list[PostBrief]
    memberships: list[MembershipBrief]


class PersonRef(Schema):
    id: int | None = Field(description=_("The person; null when he lies outside your scope."))
    name: str


class PostOut(Schema):
    id: int
    role: str
    role_label: str
    person: PersonRef
    area_id: int | None
    party_org_id: int | None
    scope_label: str
    start_date: date
    end_date: date | None
    is_full_time: bool


PersonPage = page_schema(PersonOut, "PersonPage")


class PostPage(Schema):
    count: int = Field(description=_("All posts matching, as on the post list page"))
    people: int = Field(description=_("The distinct people holding them"))
    items: list[PostOut]
    next_cursor: str | None = Field(None, description=_("Cursor of the next page; null on the last page."))


class PersonFilters(Schema):
    q: str = Field("", max_length=50, description=_("Part of a name, or a complete mobile or ID number."))
    area: ObjectId | None = Field(None, description=_("Only persons in this area and under it."))


class PostFilters(Schema):
    area: ObjectId | None = Field(None, description=_("Only posts in this area and under it."))
    role: Role | None = Field(None, description=_("Only posts of this role."))


def person_payloads(*, user, persons) -> list[dict]:
    persons = list(persons)
    area_ids = {p.area_id for p in persons if p.area_id}
    areas = dict(Area.objects.restrict(user).filter(pk__in=area_ids).values_list("pk", "name"))
    household_ids = {p.household_id for p in persons if p.household_id}
    households = dict(
        Household.objects.restrict(user).filter(pk__in=household_ids).values_list("pk", "address")
    )
    return [
        {
            "id": person.pk,
            "name": person.name,
            "gender": person.gender,
            "gender_label": str(person.get_gender_display()) if person.gender else "",
            "mobile_masked": person.mobile_masked,
            "id_number_masked": person.id_number_masked,
            "area": {"id": person.area_id, "name": areas[person.area_id]}
            if person.area_id in areas
            else None,
            "household_id": person.household_id if person.household_id in households else None,
            "address": households.get(person.household_id, ""),
        }
        for person in persons
    ]


@persons_router.get(
    "/",
    response=PersonPage,
    summary=_("Persons you may see"),
    description=_("By part of a name, or by a complete mobile or ID number. Numbers are always masked."),
)
def person_list(request, filters: Query[PersonFilters], page: Query[PageParams]):
    user = request.user
    area = get_for_user(Area, user, filters.area) if filters.area else None
    chunk = paginate(person_search_queryset(user=user, q=filters.q, area=area), page)
    return {"items": person_payloads(user=user, persons=chunk.items), "next_cursor": chunk.next_cursor}


def _post_briefs(*, user, person: Person) -> list[dict]:
    posts = (
        posts_current(user)
        .filter(person=person)
        .select_related("area", "party_org", "department", "organisation", "place")
        .order_by("start_date", "id")
    )
    return [
        {
            "id": post.pk,
            "role": post.role,
            "role_label": str(post.get_role_display()),
            "scope_label": post.scope_label,
            "start_date": post.start_date,
        }
        for post in posts
    ]


def _membership_briefs(*, user, person: Person) -> list[dict]:
    memberships = list(
        Membership.objects.restrict(user)
        .current()
        .filter(person=person)
        .select_related("org")
        .order_by("-is_home", "id")
    )
    openable = set(
        PartyOrg.objects.restrict(user)
        .filter(pk__in=[m.org_id for m in memberships])
        .values_list("pk", flat=True)
    )
    return [
        {
            "org_id": m.org_id if m.org_id in openable else None,
            "org_name": m.org.name,
            "kind": m.kind,
            "kind_label": str(m.get_kind_display()),
            "is_home": m.is_home,
        }
        for m in memberships
    ]


class SupportBrief(Schema):
    kind: str
    kind_label: str
    given_on: date
    note: str


class LandlessOut(Schema):
    id: int
    name: str
    area_name: str
    supports: list[SupportBrief]


class LandlessPage(Schema):
    count: int = Field(description=_("Landless residents matching, as on the list page"))
    unsupported: int = Field(description=_("Of them, those who have had no support"))
    items: list[LandlessOut]
    next_cursor: str | None = Field(None, description=_("Cursor of the next page; null on the last page."))


@persons_router.get("/landless", response=LandlessPage, summary=_("Landless residents and their support"))
def landless_list_api(
    request, page: Query[PageParams], area: ObjectId | None = None, unsupported: bool = False
):
    """Persons tagged 失地居民 with each form of support given them (P001-17): the list, counts and filter
    of /people/landless/ and its export."""
    from lianxin.people.models.support import Support
    from lianxin.people.support import landless_counts, landless_persons

    user = request.user
    root = get_for_user(Area, user, area) if area else None
    persons = landless_persons(user=user, area=root, unsupported_only=unsupported)
    chunk = paginate(persons.select_related("area"), page)
    supports: dict[int, list] = {}
    for s in Support.objects.restrict(user).filter(person__in=chunk.items).order_by("given_on", "id"):
        supports.setdefault(s.person_id, []).append(
            {"kind": s.kind, "kind_label": str(s.get_kind_display()), "given_on": s.given_on, "note": s.note}
        )
    return {
        **landless_counts(user=user, area=root, unsupported_only=unsupported),
        "items": [
            {
                "id": p.pk,
                "name": p.name,
                "area_name": p.area.name if p.area else "",
                "supports": supports.get(p.pk, []),
            }
            for p in chunk.items
        ],
        "next_cursor": chunk.next_cursor,
    }


@persons_router.get("/{person_id}", response=PersonDetailOut, summary=_("One person"))
def person_detail(request, person_id: ObjectId):
    user = request.user
    person = get_for_user(Person, user, person_id)
    return {
        **person_payloads(user=user, persons=[person])[0],
        "posts": _post_briefs(user=user, person=person),
        "memberships": _membership_briefs(user=user, person=person),
    }


def post_payloads(*, user, posts) -> list[dict]:
    posts = list(posts)
    persons = persons_visible_ids(user=user, person_ids=[p.person_id for p in posts])
    areas = set(
        Area.objects.restrict(user).filter(pk__in={p.area_id for p in posts}).values_list("pk", flat=True)
    )
    orgs = set(
        PartyOrg.objects.restrict(user)
        .filter(pk__in={p.party_org_id for p in posts})
        .values_list("pk", flat=True)
    )
    return [
        {
            "id": post.pk,
            "role": post.role,
            "role_label": str(post.get_role_display()),
            "person": {"id": post.person_id if post.person_id in persons else None, "name": post.person.name},
            "area_id": post.area_id if post.area_id in areas else None,
            "party_org_id": post.party_org_id if post.party_org_id in orgs else None,
            "scope_label": post.scope_label,
            "start_date": post.start_date,
            "end_date": post.end_date,
            "is_full_time": post.is_full_time,
        }
        for post in posts
    ]


@posts_router.get(
    "/",
    response=PostPage,
    summary=_("Current posts you may see"),
    description=_("Who holds which role today, under an area and of one role if given."),
)
def post_list(request, filters: Query[PostFilters], page: Query[PageParams]):
    user = request.user
    if filters.area:
        area = get_for_user(Area, user, filters.area)
        posts = area_subtree_posts(user=user, area=area, role=filters.role or "")
    else:
        posts = posts_current(user).select_related(
            "person", "area", "party_org", "department", "organisation", "place"
        )
        if filters.role:
            posts = posts.filter(role=filters.role)
    chunk = paginate(posts, page)
    return {
        "count": posts.count(),
        "people": posts_people(posts),
        "items": post_payloads(user=user, posts=chunk.items),
        "next_cursor": chunk.next_cursor,
    }
