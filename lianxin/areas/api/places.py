"""Places over the API: list (by area, designation; nearest first from a position) and one place, scoped;
a place's activity log (counts by function and the latest activities) and recording an activity."""

from datetime import date, datetime
from decimal import Decimal

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status

from lianxin.areas.models import Area, Place, PlaceActivity, PlaceFunction
from lianxin.areas.place_activities import place_activity_log, place_activity_record
from lianxin.areas.places import place_readable_get, places_nearest, places_readable, places_search
from lianxin.core.api_types import ObjectId
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import get_for_user, under

router = Router(tags=[_("Places")])
LIST_LIMIT = 200


class FunctionOut(Schema):
    code: str
    name: str


class HoursOut(Schema):
    weekday: int = Field(description=_("0 Monday … 6 Sunday"))
    opens: str
    closes: str = Field(description=_("00:00 is midnight"))


class PlaceOut(Schema):
    id: int
    name: str
    area_id: int
    area_name: str
    designations: list[str]
    functions: list[FunctionOut] = Field(
        description=_("What the place is used for; activities are logged by these")
    )
    is_rest_station: bool
    address: str
    lat: float | None
    lng: float | None
    opening_hours: str
    staggered_hours: bool
    has_one_stop_hall: bool
    services: str
    amenities: str
    amenity_items: list[str] = Field(description=_("Amenity codes: water, charging, pump, hot_meal, rest …"))
    hours: list[HoursOut] = Field(description=_("Opening periods read from the hours; none when unreadable"))
    in_service_circle: bool
    subsidy: str | None = Field(None, description=_("Yuan, as a decimal string"))
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
    amenity: str = Field("", max_length=20, description=_("Only open places with this amenity code"))
    open_at: datetime | None = Field(None, description=_("Only open places open at this time (local)"))
    function: str = Field("", max_length=40, description=_("Only open places with this function code"))


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
        "functions": [{"code": f.code, "name": f.name} for f in place.functions.all()],
        "is_rest_station": any(d.is_rest_station for d in designations),
        "address": place.address,
        "lat": _num(place.lat),
        "lng": _num(place.lng),
        "opening_hours": place.opening_hours,
        "staggered_hours": place.staggered_hours,
        "has_one_stop_hall": place.has_one_stop_hall,
        "services": place.services,
        "amenities": place.amenities,
        "amenity_items": list(place.amenity_items or []),
        "hours": [
            {"weekday": h.weekday, "opens": f"{h.opens:%H:%M}", "closes": f"{h.closes:%H:%M}"}
            for h in place.hours.all()
        ],
        "in_service_circle": place.in_service_circle,
        "subsidy": str(place.subsidy) if place.subsidy is not None else None,
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
        "Service centres, stations and rest stations; with lat and lng, nearest first with the distance in "
        "km (at most 200). With amenity, open_at or function: only open places that match."
    ),
)
def place_list(request, filters: Query[PlaceFilters]):
    places = (
        places_readable(request.user)
        .select_related("area")
        .prefetch_related("designations", "functions", "hours")
    )
    if filters.area:
        area = get_for_user(Area, request.user, filters.area)
        places = places.filter(under("area_path", area.path))
    if filters.designation:
        places = places.filter(designations__code=filters.designation)
    if filters.rest_stations:
        places = places.filter(designations__is_rest_station=True)
    if filters.amenity or filters.open_at or filters.function:
        found = places_search(
            places.order_by("area_path", "name", "id"),
            amenity=filters.amenity,
            open_at=filters.open_at,
            function=filters.function,
            lat=filters.lat if filters.lng is not None else None,
            lng=filters.lng if filters.lat is not None else None,
        )
        return [place_payload(p) for p in found[:LIST_LIMIT]]
    places = places.distinct().order_by("area_path", "name", "id")[:LIST_LIMIT]
    if filters.lat is not None and filters.lng is not None:
        places = places_nearest(places, lat=filters.lat, lng=filters.lng)
    return [place_payload(p) for p in places]


@router.get("/{place_id}", response=PlaceOut, summary=_("One place"))
def place_detail(request, place_id: ObjectId):
    place = place_readable_get(
        request.user,
        place_id,
        Place.objects.select_related("area").prefetch_related("designations", "functions", "hours"),
    )
    return place_payload(place)


class PlaceCreateIn(Schema):
    area_id: ObjectId = Field(description=_("The community, grid or estate the place is in"))
    name: str = Field(max_length=100)
    designations: list[str] = Field(
        description=_("Designation codes: service_centre, service_station, rest_warm …"), max_length=20
    )
    functions: list[str] = Field([], description=_("Function codes"), max_length=20)
    parent_place_id: ObjectId | None = Field(
        None, description=_("For a service station: the service centre of its street it belongs to")
    )
    address: str = Field("", max_length=200)
    lat: Decimal | None = Field(None, ge=-90, le=90)
    lng: Decimal | None = Field(None, ge=-180, le=180)
    opening_hours: str = Field("", max_length=200)
    amenity_items: list[str] | None = Field(None, description=_("Amenity codes"), max_length=30)
    in_service_circle: bool = False
    status: str = Field("open", max_length=16)


@router.post(
    "/",
    response={201: PlaceOut},
    summary=_("Record a place"),
    description=_(
        "For those who may change the area. The 1+N+N matrix holds: a second service centre in a community "
        "or a second station in a grid is a 409; a station must belong to a service centre of its own "
        "street (400)."
    ),
)
def place_create(request, payload: PlaceCreateIn):
    from lianxin.areas.models import PlaceDesignation, PlaceStatus
    from lianxin.areas.places import place_save
    from lianxin.core.scope import CHANGE

    area = get_for_user(Area, request.user, payload.area_id, CHANGE)
    designations = list(PlaceDesignation.objects.filter(code__in=payload.designations))
    unknown = sorted(set(payload.designations) - {d.code for d in designations})
    functions = list(PlaceFunction.objects.filter(code__in=payload.functions))
    unknown += sorted(set(payload.functions) - {f.code for f in functions})
    if unknown:
        raise DomainError(gettext("Unknown code: %(codes)s.") % {"codes": "、".join(unknown)})
    if payload.status not in PlaceStatus.values:
        raise DomainError(gettext("Unknown status."), field="status")
    parent = None
    if payload.parent_place_id is not None:
        parent = place_readable_get(request.user, payload.parent_place_id)
    place = place_save(
        actor=request.user,
        place=None,
        area=area,
        designations=designations,
        functions=functions,
        name=payload.name,
        parent_place=parent,
        address=payload.address,
        lat=payload.lat,
        lng=payload.lng,
        opening_hours=payload.opening_hours,
        amenity_items=payload.amenity_items,
        in_service_circle=payload.in_service_circle,
        status=payload.status,
    )
    place = Place.objects.prefetch_related("designations", "functions", "hours").get(pk=place.pk)
    return Status(201, place_payload(place))


class ActivityOut(Schema):
    id: int
    place_id: int | None
    area_id: int | None
    function: FunctionOut | None
    kind: str
    starts_at: datetime | None
    ends_at: datetime | None
    capacity: int | None
    organiser_id: int | None
    residents_served: int
    problems_solved: int
    title: str
    held_on: date
    participants: int
    host: str
    note: str
    recorded_at: str


class FunctionCountOut(Schema):
    function: FunctionOut
    activities: int
    participants: int


class ActivityLogOut(Schema):
    place_id: int
    counts: list[FunctionCountOut] = Field(description=_("Activities and participants per function"))
    total_activities: int
    total_participants: int
    activities: list[ActivityOut] = Field(description=_("The latest activities first"))


class ActivityFilters(Schema):
    function: str = Field("", description=_("Only activities of this function code (the list only)"))
    since: date | None = Field(None, description=_("Held on or after this day"))
    until: date | None = Field(None, description=_("Held on or before this day"))
    limit: int = Field(50, ge=1, le=200, description=_("How many activities to list"))


class ActivityIn(Schema):
    function: str = Field(description=_("The code of one of the place's functions"), max_length=40)
    title: str = Field(max_length=200)
    held_on: date
    participants: int = Field(0, ge=0, le=100_000)
    host: str = Field("", max_length=100)
    note: str = Field("", max_length=2000)
    kind: str = Field("service", max_length=16, description=_("service, volunteering, meeting, training …"))
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    capacity: int | None = Field(None, ge=1, le=100_000)
    organiser_id: ObjectId | None = Field(None, description=_("The organising party organisation"))
    residents_served: int = Field(0, ge=0, le=100_000)
    problems_solved: int = Field(0, ge=0, le=100_000)


def _function(code: str) -> PlaceFunction:
    found = PlaceFunction.objects.filter(code=code).first()
    if found is None:
        raise DomainError(gettext("There is no function “%(code)s”.") % {"code": code}, field="function")
    return found


def activity_payload(activity: PlaceActivity) -> dict:
    return {
        "id": activity.pk,
        "place_id": activity.place_id,
        "area_id": activity.area_id,
        "function": (
            {"code": activity.function.code, "name": activity.function.name} if activity.function else None
        ),
        "kind": activity.kind,
        "starts_at": activity.starts_at,
        "ends_at": activity.ends_at,
        "capacity": activity.capacity,
        "organiser_id": activity.organiser_id,
        "residents_served": activity.residents_served,
        "problems_solved": activity.problems_solved,
        "title": activity.title,
        "held_on": activity.held_on,
        "participants": activity.participants,
        "host": activity.host,
        "note": activity.note,
        "recorded_at": activity.recorded_at.isoformat(),
    }


@router.get(
    "/{place_id}/activities",
    response=ActivityLogOut,
    summary=_("A place's activity log"),
    description=_("Counts by function (activities and participants) and the latest activities, in a period."),
)
def place_activities(request, place_id: ObjectId, filters: Query[ActivityFilters]):
    place = place_readable_get(request.user, place_id)
    function = _function(filters.function) if filters.function else None
    log = place_activity_log(
        user=request.user,
        place=place,
        function=function,
        since=filters.since,
        until=filters.until,
        limit=filters.limit,
    )
    return {
        "place_id": place.pk,
        "counts": [
            {
                "function": {"code": c.function.code, "name": c.function.name},
                "activities": c.activities,
                "participants": c.participants,
            }
            for c in log.counts
        ],
        "total_activities": log.total_activities,
        "total_participants": log.total_participants,
        "activities": [activity_payload(a) for a in log.activities],
    }


@router.post(
    "/{place_id}/activities",
    response={201: ActivityOut},
    summary=_("Record an activity held at a place"),
    description=_(
        "For those who may change the place. The function must be one of the place's. With an "
        "Idempotency-Key, a retried request gets the same activity back instead of a second one."
    ),
)
def place_activity_create(request, place_id: ObjectId, payload: ActivityIn):
    # The service refuses (403, with its reason) a post without "place.record_activity" over the place.
    place = place_readable_get(request.user, place_id)
    organiser = None
    if payload.organiser_id is not None:
        from lianxin.party.models import PartyOrg

        organiser = get_for_user(PartyOrg, request.user, payload.organiser_id)
    activity = place_activity_record(
        actor=request.user,
        place=place,
        function=_function(payload.function),
        title=payload.title,
        held_on=payload.held_on,
        participants=payload.participants,
        host=payload.host,
        note=payload.note,
        kind=payload.kind,
        starts_at=payload.starts_at,
        ends_at=payload.ends_at,
        capacity=payload.capacity,
        organiser=organiser,
        residents_served=payload.residents_served,
        problems_solved=payload.problems_solved,
    )
    return Status(201, activity_payload(activity))
