"""The 15-minute service circle and station coverage of an area over the API (docs/services.md)."""

from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema

from lianxin.areas.models import Area
from lianxin.core.api_types import ObjectId
from lianxin.core.scope import get_for_user
from lianxin.provision.reach import CIRCLE_MINUTES, reach_figures

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
