"""The 15-minute service circle and station coverage of an area over the API (docs/services.md)."""

from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema

from lianxin.areas.models import Area
from lianxin.core.api_pagination import PageParams, page_schema, paginate
from lianxin.core.api_types import ObjectId
from lianxin.core.scope import get_for_user
from lianxin.provision.reach import (
    CIRCLE_MINUTES,
    ESTATE_MINUTES,
    estates_reach,
    households_outside,
    reach_figures,
)

reach_router = Router(tags=[_("Service circle")])


class ReachOut(Schema):
    area_id: int
    area_name: str
    minutes: int = Field(description=_("The circle's walking minutes"))
    households: int
    households_located: int = Field(description=_("Households whose position is known"))
    households_within: int = Field(description=_("Located households within the minutes of an open place"))
    circle_share: str | None = Field(description=_("Within ÷ located, a decimal string"))
    estates: int
    estates_with_station: int = Field(description=_("Estates (grids) with an open station of their own"))
    estates_within: int = Field(description=_("Estates within the minutes of an open place"))
    station_coverage: str | None = Field(description=_("estates_with_station ÷ estates, a decimal string"))
    target: str = Field(description=_("LIANXIN_TARGET_STATION_COVERAGE"))
    meets_target: bool | None
    communities: int
    communities_with_centre: int


def _text(value):
    return str(value) if value is not None else None


@reach_router.get(
    "/{area_id}",
    response=ReachOut,
    summary=_("An area's 15-minute service circle and station coverage"),
    description=_(
        "From the stored reach (refreshed nightly and after a place is saved) and the open places."
    ),
)
def reach_detail(request, area_id: ObjectId):
    figures = reach_figures(get_for_user(Area, request.user, area_id))
    return {
        "area_id": figures.area.pk,
        "area_name": figures.area.name,
        "minutes": CIRCLE_MINUTES,
        "households": figures.households,
        "households_located": figures.households_located,
        "households_within": figures.households_within,
        "circle_share": _text(figures.circle_share),
        "estates": figures.estates,
        "estates_with_station": figures.estates_with_station,
        "estates_within": figures.estates_within,
        "station_coverage": _text(figures.station_coverage),
        "target": str(figures.target),
        "meets_target": figures.meets_target,
        "communities": figures.communities,
        "communities_with_centre": figures.communities_with_centre,
    }


class ReachHouseholdOut(Schema):
    household_id: int
    address: str
    estate_id: int | None
    estate_name: str | None
    place_id: int | None = Field(description=_("The nearest open service-circle place"))
    place_name: str | None
    metres: int | None
    minutes: str | None = Field(description=_("Walking minutes, a decimal string; null when not located"))


@reach_router.get(
    "/{area_id}/households",
    response=page_schema(ReachHouseholdOut, "ReachHouseholdPage"),
    summary=_("Households of an area outside the 15-minute circle"),
    description=_(
        "Residents' data: only for roles that see the area's residents (others get an empty list). "
        "Not located households (no position, or no open place) are included with minutes null."
    ),
)
def reach_households(request, area_id: ObjectId, page: Query[PageParams]):
    area = get_for_user(Area, request.user, area_id)
    found = paginate(households_outside(request.user, area), page)
    return {
        "items": [
            {
                "household_id": r.household_id,
                "address": r.household.address,
                "estate_id": r.estate_id,
                "estate_name": r.estate.name if r.estate else None,
                "place_id": r.place_id,
                "place_name": r.place.name if r.place else None,
                "metres": r.metres,
                "minutes": _text(r.minutes),
            }
            for r in found.items
        ],
        "next_cursor": found.next_cursor,
    }


class EstateReachOut(Schema):
    estate_id: int
    estate_name: str
    place_id: int | None
    place_name: str | None
    metres: int | None
    minutes: str | None
    households: int
    outside: bool = Field(
        description=_("More than ESTATE_MINUTES (10) from the nearest place, or not located")
    )


class EstateReachFilters(Schema):
    outside_only: bool = Field(False, description=_("Only estates outside 10 minutes"))


@reach_router.get(
    "/{area_id}/estates",
    response=list[EstateReachOut],
    summary=_("Each estate's walking minutes to the nearest service centre or station"),
)
def reach_estates(request, area_id: ObjectId, filters: Query[EstateReachFilters]):
    area = get_for_user(Area, request.user, area_id)
    rows = []
    for r in estates_reach(area):
        outside = r.minutes is None or r.minutes > ESTATE_MINUTES
        if filters.outside_only and not outside:
            continue
        rows.append(
            {
                "estate_id": r.estate.pk,
                "estate_name": r.estate.name,
                "place_id": r.place.pk if r.place else None,
                "place_name": r.place.name if r.place else None,
                "metres": r.metres,
                "minutes": _text(r.minutes),
                "households": r.households,
                "outside": outside,
            }
        )
    return rows
