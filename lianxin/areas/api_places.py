"""Places over the API: list (by area, designation; nearest first from a position) and one place, scoped."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema

from lianxin.areas.models import Area, Place
from lianxin.areas.places import places_nearest
from lianxin.core.api_types import ObjectId
from lianxin.core.scope import get_for_user, under

router = Router(tags=[_("Places")])
LIST_LIMIT = 200


class PlaceOut(Schema):
    id: int
    name: str
    area_id: int
    area_name: str
    designations: list[str]
    is_rest_station: bool
    address: str
    lat: float | None
    lng: float | None
    opening_hours: str
    staggered_hours: bool
    has_one_stop_hall: bool
    services: str
    amenities: str
    status: str
    status_label: str
    floor_area: float | None
    batch: str
    planned_completion: str | None
    builder: str
    owner: str
    user_unit: str
    street_front: bool
    parent_place_id: int | None
    party_org_id: int | None = Field(
        None, description=_("The linked party organisation, e.g. a sector committee")
    )
    distance_km: float | None = Field(None, description=_("From the position given, when one was given"))


class PlaceFilters(Schema):
    area: ObjectId | None = Field(None, description=_("Only places in this area and under it"))
    designation: str = Field("", description=_("Only places with this designation code"))
    rest_stations: bool = Field(False, description=_("Only rest stations (暖心驿站, 红帆驿站 …)"))
    lat: Decimal | None = Field(None, ge=-90, le=90, description=_("Your latitude: nearest first"))
    lng: Decimal | None = Field(None, ge=-180, le=180, description=_("Your longitude: nearest first"))


def _num(value):
    return float(value) if value is not None else None


def place_payload(place: Place) -> dict:
    designations = list(place.designations.all())
    return {
        "id": place.pk,
        "name": place.name,
        "area_id": place.area_id,
        "area_name": place.area.name,
        "designations": [d.name for d in designations],
        "is_rest_station": any(d.is_rest_station for d in designations),
        "address": place.address,
        "lat": _num(place.lat),
        "lng": _num(place.lng),
        "opening_hours": place.opening_hours,
        "staggered_hours": place.staggered_hours,
        "has_one_stop_hall": place.has_one_stop_hall,
        "services": place.services,
        "amenities": place.amenities,
        "status": place.status,
        "status_label": str(place.get_status_display()),
        "floor_area": _num(place.floor_area),
        "batch": place.batch,
        "planned_completion": place.planned_completion.isoformat() if place.planned_completion else None,
        "builder": place.builder,
        "owner": place.owner,
        "user_unit": place.user_unit,
        "street_front": place.street_front,
        "parent_place_id": place.parent_place_id,
        "party_org_id": place.party_org_id,
        "distance_km": getattr(place, "distance_km", None),
    }


@router.get(
    "/",
    response=list[PlaceOut],
    summary=_("Places you may see"),
    description=_(
        "Service centres, stations and rest stations; with lat and lng, nearest first (at most 200)."
    ),
)
def place_list(request, filters: Query[PlaceFilters]):
    places = Place.objects.restrict(request.user).select_related("area").prefetch_related("designations")
    if filters.area:
        area = get_for_user(Area, request.user, filters.area)
        places = places.filter(under("area_path", area.path))
    if filters.designation:
        places = places.filter(designations__code=filters.designation)
    if filters.rest_stations:
        places = places.filter(designations__is_rest_station=True)
    places = places.distinct().order_by("area_path", "name", "id")[:LIST_LIMIT]
    if filters.lat is not None and filters.lng is not None:
        places = places_nearest(places, lat=filters.lat, lng=filters.lng)
    return [place_payload(p) for p in places]


@router.get("/{place_id}", response=PlaceOut, summary=_("One place"))
def place_detail(request, place_id: ObjectId):
    place = get_for_user(
        Place.objects.select_related("area").prefetch_related("designations"), request.user, place_id
    )
    return place_payload(place)
