"""Areas over the API: the tops a user may start from, one area, its children and its subtree, an area by
its code. Each area carries the figures under it, counted from restricted querysets like the pages'.

The areas router lives in the package itself so its operations keep the OpenAPI ``operationId`` they had
(``lianxin_areas_api_…``); ``estate`` and ``places`` add theirs beside it."""

from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema

from lianxin.areas import selectors
from lianxin.areas.models import Area, Level
from lianxin.core.api_pagination import PageParams, page_schema, paginate
from lianxin.core.api_types import ObjectId
from lianxin.core.paths import parent_path
from lianxin.core.scope import get_for_user, under

router = Router(tags=[_("Areas")])


class AreaCounts(Schema):
    households: int = Field(description=_("Households in the area and under it"))
    persons: int = Field(
        description=_("Persons recorded in the area and under it, with or without a household")
    )
    population: int = Field(
        description=_(
            "Population: persons recorded in a household in the area or under it (the figure the area page "
            "and the dashboard show as population)"
        )
    )
    members: int = Field(description=_("Party members in the area and under it, each counted once"))
    party_orgs: int = Field(description=_("Party organisations anchored in the area and under it"))
    posts: int = Field(description=_("Current posts in the area and under it"))


class AreaOut(Schema):
    id: int
    code: str
    name: str
    short_name: str
    level: str
    level_label: str
    parent_id: int | None = Field(
        description=_("The parent area; null when it lies outside your scope or there is none.")
    )
    depth: int
    lat: float | None
    lng: float | None
    is_retired: bool
    counts: AreaCounts
    official_population: int | None = Field(description=_("The recorded official population"))
    registered_share: float | None = Field(
        description=_("Population ÷ official population (0–1, four decimals); null without an official one")
    )
    planned_households: int | None = Field(description=_("Planned households of a community or village"))
    households_share: float | None = Field(
        description=_("Recorded households ÷ planned households (0–1, four decimals); null without a plan")
    )
    brand: str = Field(description=_("The community's party-building brand (one per community)"))
    cluster_villages: int | None = Field(description=_("A cluster's live villages; null for other levels"))
    cluster_warning: str = Field(
        description=_("For a cluster outside 3–5 villages, the warning the area page shows; else empty")
    )


AreaPage = page_schema(AreaOut, "AreaPage")


def area_payloads(*, user, areas) -> list[dict]:
    """Areas as the API shows them; parents are named only when the user may open them."""
    areas = list(areas)
    counts = selectors.area_counts(user=user, areas=areas)
    parent_paths = {parent_path(area.path) for area in areas if area.depth > 1}
    parents = dict(Area.objects.restrict(user).filter(path__in=parent_paths).values_list("path", "id"))
    clusters = {
        area.path: selectors.cluster_facts(user=user, cluster=area)
        for area in areas
        if area.level == Level.CLUSTER
    }
    return [
        {
            "id": area.pk,
            "code": area.code,
            "name": area.name,
            "short_name": area.short_name,
            "level": area.level,
            "level_label": str(area.get_level_display()),
            "parent_id": parents.get(parent_path(area.path)),
            "depth": area.depth,
            "lat": float(area.lat) if area.lat is not None else None,
            "lng": float(area.lng) if area.lng is not None else None,
            "is_retired": area.is_retired,
            "counts": counts[area.path],
            # The same shares as the area page (areas.selectors.area_facts), from the same counts.
            "official_population": area.official_population,
            "registered_share": _rounded(
                selectors.share(counts[area.path]["population"], area.official_population)
            ),
            "planned_households": area.planned_households,
            "households_share": _rounded(
                selectors.share(counts[area.path]["households"], area.planned_households)
            ),
            "brand": area.brand,
            "cluster_villages": clusters[area.path][0] if area.path in clusters else None,
            "cluster_warning": clusters[area.path][1] if area.path in clusters else "",
        }
        for area in areas
    ]


def _rounded(value: float | None) -> float | None:
    return round(value, 4) if value is not None else None


def _page(user, queryset, page: PageParams) -> dict:
    chunk = paginate(queryset, page, key="path")
    return {"items": area_payloads(user=user, areas=chunk.items), "next_cursor": chunk.next_cursor}


@router.get(
    "/",
    response=AreaPage,
    summary=_("Top areas you may see"),
    description=_("The outermost areas your posts open: where browsing starts."),
)
def area_tops(request, page: Query[PageParams]):
    return _page(request.user, selectors.area_roots(user=request.user), page)


@router.get("/by-code/{code}", response=AreaOut, summary=_("An area by its code"))
def area_by_code(request, code: str):
    area = get_for_user(Area, request.user, code, field="code")
    return area_payloads(user=request.user, areas=[area])[0]


@router.get("/{area_id}", response=AreaOut, summary=_("One area"))
def area_detail(request, area_id: ObjectId):
    area = get_for_user(Area, request.user, area_id)
    return area_payloads(user=request.user, areas=[area])[0]


@router.get("/{area_id}/children", response=AreaPage, summary=_("The children of an area"))
def area_children(request, area_id: ObjectId, page: Query[PageParams]):
    area = get_for_user(Area, request.user, area_id)
    return _page(request.user, selectors.area_children(user=request.user, area=area), page)


class SubtreeQuery(Schema):
    level: Level | None = Field(
        None, description=_("Only the areas of this level (street, community, estate, building …).")
    )


@router.get(
    "/{area_id}/subtree",
    response=AreaPage,
    summary=_("An area and everything under it"),
    description=_(
        "The area itself first, then every area under it that you may see, in tree order; with level, only "
        "the areas of that level."
    ),
)
def area_subtree(request, area_id: ObjectId, page: Query[PageParams], filters: Query[SubtreeQuery]):
    area = get_for_user(Area, request.user, area_id)
    areas = Area.objects.restrict(request.user).filter(under("path", area.path))
    if filters.level:
        areas = areas.filter(level=filters.level)
    return _page(request.user, areas, page)


class RestructuringOut(Schema):
    id: int
    kind: str
    kind_label: str
    effective_on: str
    area_id: int = Field(description=_("The receiving community (or the street of a conversion)"))
    area_name: str
    sources: list[str] = Field(description=_("Names of the areas restructured"))
    approving_body: str
    approved_on: str | None
    document_number: str
    has_approval_file: bool


@router.get(
    "/{area_id}/history",
    response=list[RestructuringOut],
    summary=_("The restructurings of an area"),
    description=_(
        "Merges and conversions that made or took in this area, with their approval, newest first."
    ),
)
def area_history(request, area_id: ObjectId):
    from lianxin.areas.restructuring import area_history as history

    area = get_for_user(Area, request.user, area_id)
    return [
        {
            "id": r.pk,
            "kind": r.kind,
            "kind_label": str(r.get_kind_display()),
            "effective_on": r.effective_on.isoformat(),
            "area_id": r.area_id,
            "area_name": r.area.name,
            "sources": [s.name for s in r.sources.all()],
            "approving_body": r.approving_body,
            "approved_on": r.approved_on.isoformat() if r.approved_on else None,
            "document_number": r.document_number,
            "has_approval_file": bool(r.approval_file),
        }
        for r in history(user=request.user, area=area)
    ]


class MemberHouseholdOut(Schema):
    id: int
    household_id: int
    address: str
    member: str
    party_group: str
    households_served: int
    selected_on: str


class MemberHouseholdsOut(Schema):
    count: int = Field(description=_("Member households under the area"))
    households_covered: int = Field(
        description=_("Households that are a member household or are served by one")
    )
    households_without: int = Field(description=_("Households served by no member household"))
    items: list[MemberHouseholdOut]


@router.get(
    "/{area_id}/member-households",
    response=MemberHouseholdsOut,
    summary=_("Member households under an area"),
)
def area_member_households(request, area_id: ObjectId):
    """The member households (党员中心户) under the area with the households each serves, and how many
    households no member household serves: the same numbers as the member households page and its export."""
    from lianxin.party.households import area_member_households as rows_of
    from lianxin.party.households import member_household_counts

    area = get_for_user(Area, request.user, area_id)
    return {
        **member_household_counts(user=request.user, area=area),
        "items": [
            {
                "id": r.pk,
                "household_id": r.household_id,
                "address": r.household.address,
                "member": r.member.name,
                "party_group": r.group.name,
                "households_served": r.served_count,
                "selected_on": r.selected_on.isoformat(),
            }
            for r in rows_of(user=request.user, area=area)
        ],
    }


class FourRoleCount(Schema):
    role: str
    label: str
    posts: int


class FourRolesOut(Schema):
    roles: list[FourRoleCount]
    people: int = Field(description=_("Distinct people holding any of the four roles"))


@router.get(
    "/{area_id}/four-roles",
    response=FourRolesOut,
    summary=_("The four roles of new-employment workers under an area"),
    description=_(
        "Current posts of grid governance agent, mobile publicity agent, civility patroller and safety "
        "supervisor (四大员) in the area and under it, and the distinct people holding them."
    ),
)
def area_four_roles(request, area_id: ObjectId):
    area = get_for_user(Area, request.user, area_id)
    return selectors.four_roles_figures(user=request.user, area=area)


class LevelCount(Schema):
    level: str
    label: str
    count: int


@router.get(
    "/{area_id}/levels",
    response=list[LevelCount],
    summary=_("How many areas of each level lie under an area"),
    description=_("Live areas under the area (not the area itself) by level, as far as you may see them."),
)
def area_levels(request, area_id: ObjectId):
    area = get_for_user(Area, request.user, area_id)
    return [
        {"level": level, "label": label, "count": n}
        for level, label, n in selectors.area_level_counts(user=request.user, area=area)
    ]


class AreaFactOut(Schema):
    key: str = Field(description=_("The fact's key (online_retail_sales, planned_urban_area, pilot_start …)"))
    label: str = Field(description=_("The fact's Chinese name"))
    year: int
    value: str = Field(description=_("The value as written: a number, a date (YYYY-MM-DD) or text"))
    value_type: str = Field(description=_("decimal, date or text"))
    unit: str
    source: str
    recorded_at: str
    current: bool = Field(description=_("False for a value a later record superseded"))


@router.get(
    "/{area_id}/facts",
    response=list[AreaFactOut],
    summary=_("The yearly facts of an area"),
    description=_(
        "Figures and statements recorded for the area by year (online retail sales, planned urban area, "
        "the pilot's designation and start date, honours, resident and urban population, urbanisation "
        "rate): the current value of each fact and year; with history=true the superseded ones too."
    ),
)
def area_facts(request, area_id: ObjectId, history: bool = False):
    from lianxin.areas.dated_facts import FACT_KEYS, area_facts_dated

    area = get_for_user(Area, request.user, area_id)
    return [
        {
            "key": f.key,
            "label": f.label,
            "year": f.year,
            "value": f.value_display,
            "value_type": FACT_KEYS[f.key].kind if f.key in FACT_KEYS else "text",
            "unit": f.unit,
            "source": f.source,
            "recorded_at": f.recorded_at.isoformat(),
            "current": f.superseded_at is None,
        }
        for f in area_facts_dated(user=request.user, area=area, history=history)
    ]
