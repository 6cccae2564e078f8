"""Service places over the API, the same reads and services as the pages (docs/services.md "场所与服务圈"):
``/api/v1/place-rules/`` (P002-42), ``/api/v1/place-formats/`` (P000-44), ``/api/v1/service-matrix/{area_id}``
(P002-40), ``/api/v1/service-matrix/{area_id}/map`` (P004-27) and ``/api/v1/clusters/`` (P000-24, P002-34,
P002-35)."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status

from lianxin.areas.models import Area, Place
from lianxin.areas.places import place_readable_get, places_readable
from lianxin.core.api_pagination import PageParams, page_schema, paginate
from lianxin.core.api_types import ObjectId
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import get_for_user
from lianxin.people.models import Organisation
from lianxin.provision import circles, permissions
from lianxin.provision.models import PlaceFormat, PlaceRule
from lianxin.provision.places_map import places_map
from lianxin.provision.services import places as place_services

rules_router = Router(tags=[_("Service places")])
formats_router = Router(tags=[_("Service places")])
matrix_router = Router(tags=[_("Service places")])
clusters_router = Router(tags=[_("Service places")])


def _staff(user):
    if not permissions.is_staff(user):
        raise PermissionDenied


# -- rules --------------------------------------------------------------------------------------------


class PlaceRuleOut(Schema):
    id: int
    place_id: int
    kind: str
    kind_label: str
    title: str
    body: str
    in_force_from: date
    in_force_to: date | None
    replaced_by_id: int | None
    in_force: bool = Field(description=_("In force on the day asked (today unless given)"))


class PlaceRuleFilters(Schema):
    place_id: ObjectId | None = Field(None, description=_("Only the rules of this place"))
    on: date | None = Field(None, description=_("In force on this day (with in_force_only)"))
    in_force_only: bool = Field(False, description=_("Only the rules in force on the day"))


class PlaceRuleIn(Schema):
    place_id: ObjectId
    kind: str = Field("rule", max_length=12)
    title: str = Field(max_length=100)
    body: str = Field("", max_length=5000)
    in_force_from: date
    replaces_id: ObjectId | None = Field(None, description=_("The rule in force this one replaces"))


class PlaceRuleEndIn(Schema):
    in_force_to: date | None = None


def _rule_payload(rule: PlaceRule, on: date) -> dict:
    return {
        "id": rule.pk,
        "place_id": rule.place_id,
        "kind": rule.kind,
        "kind_label": str(rule.get_kind_display()),
        "title": rule.title,
        "body": rule.body,
        "in_force_from": rule.in_force_from,
        "in_force_to": rule.in_force_to,
        "replaced_by_id": rule.replaced_by_id,
        "in_force": rule.in_force_from <= on and (rule.in_force_to is None or rule.in_force_to >= on),
    }


def _rules_readable(user):
    return PlaceRule.objects.filter(place__in=places_readable(user).values("pk"))


@rules_router.get(
    "/",
    response=page_schema(PlaceRuleOut, "PlaceRulePage"),
    summary=_("Rules and documents of the places you may read, with their periods"),
)
def rule_list(request, filters: Query[PlaceRuleFilters], page: Query[PageParams]):
    on = filters.on or timezone.localdate()
    rules = _rules_readable(request.user)
    if filters.place_id:
        rules = rules.filter(place_id=filters.place_id)
    if filters.in_force_only:
        rules = rules.filter(in_force_from__lte=on).filter(
            Q(in_force_to__isnull=True) | Q(in_force_to__gte=on)
        )
    found = paginate(rules, page)
    return {"items": [_rule_payload(r, on) for r in found.items], "next_cursor": found.next_cursor}


@rules_router.post("/", response={201: PlaceRuleOut}, summary=_("Put a rule in force at a place"))
def rule_create(request, payload: PlaceRuleIn):
    place = place_readable_get(request.user, payload.place_id)
    replaces = None
    if payload.replaces_id:
        replaces = PlaceRule.objects.filter(place=place, pk=payload.replaces_id).first()
        if replaces is None:
            raise DomainError(gettext("The rule replaced must be one of this place."), field="replaces_id")
    rule = place_services.rule_record(
        request.user,
        place=place,
        kind=payload.kind,
        title=payload.title,
        body=payload.body,
        in_force_from=payload.in_force_from,
        replaces=replaces,
    )
    return Status(201, _rule_payload(rule, timezone.localdate()))


@rules_router.post(
    "/{rule_id}/end", response=PlaceRuleOut, summary=_("Repeal a rule (it stays in the history)")
)
def rule_repeal(request, rule_id: ObjectId, payload: PlaceRuleEndIn):
    rule = _rules_readable(request.user).filter(pk=rule_id).first()
    if rule is None:
        raise Http404
    rule = place_services.rule_end(request.user, rule=rule, in_force_to=payload.in_force_to)
    return _rule_payload(rule, timezone.localdate())


# -- formats ------------------------------------------------------------------------------------------


class PlaceFormatOut(Schema):
    id: int
    place_id: int
    place_name: str
    format: str
    format_label: str
    provider_id: int | None
    provider_name: str | None
    since: date | None
    note: str


class PlaceFormatFilters(Schema):
    place_id: ObjectId | None = Field(None, description=_("Only the formats of this complex"))
    format: str = Field("", max_length=20, description=_("Only this format"))


class PlaceFormatIn(Schema):
    place_id: ObjectId
    format: str = Field(max_length=20)
    provider_id: ObjectId | None = Field(None, description=_("The provider that runs it; none: the place"))
    since: date | None = None
    note: str = Field("", max_length=200)


def _format_payload(row: PlaceFormat) -> dict:
    return {
        "id": row.pk,
        "place_id": row.place_id,
        "place_name": row.place.name,
        "format": row.format,
        "format_label": str(row.get_format_display()),
        "provider_id": row.provider_id,
        "provider_name": row.provider.name if row.provider else None,
        "since": row.since,
        "note": row.note,
    }


@formats_router.get(
    "/",
    response=page_schema(PlaceFormatOut, "PlaceFormatPage"),
    summary=_("Formats of the service complexes you may read"),
)
def format_list(request, filters: Query[PlaceFormatFilters], page: Query[PageParams]):
    rows = PlaceFormat.objects.filter(place__in=places_readable(request.user).values("pk")).select_related(
        "place", "provider"
    )
    if filters.place_id:
        rows = rows.filter(place_id=filters.place_id)
    if filters.format:
        rows = rows.filter(format=filters.format)
    found = paginate(rows, page)
    return {"items": [_format_payload(r) for r in found.items], "next_cursor": found.next_cursor}


@formats_router.post("/", response={201: PlaceFormatOut}, summary=_("Record a format of a complex"))
def format_create(request, payload: PlaceFormatIn):
    place = place_readable_get(request.user, payload.place_id)
    provider = None
    if payload.provider_id:
        provider = Organisation.objects.filter(pk=payload.provider_id).first()
        if provider is None:
            raise DomainError(gettext("Choose a provider."), field="provider_id")
    row = place_services.format_save(
        request.user,
        place=place,
        format=payload.format,
        provider=provider,
        since=payload.since,
        note=payload.note,
    )
    return Status(
        201, _format_payload(PlaceFormat.objects.select_related("place", "provider").get(pk=row.pk))
    )


# -- the 1+N+X matrix ---------------------------------------------------------------------------------


class MatrixPlaceOut(Schema):
    id: int
    name: str
    area_id: int
    area_name: str
    status: str
    parent_place_id: int | None


class MatrixRowOut(Schema):
    area_id: int
    area_name: str
    centres: list[int]
    stations: int
    estates: int
    estates_with_station: int


class ServiceMatrixOut(Schema):
    street_id: int
    street_name: str
    hubs: int
    centres: int
    stations: int
    hub_places: list[MatrixPlaceOut]
    centre_places: list[MatrixPlaceOut]
    station_places: list[MatrixPlaceOut]
    rows: list[MatrixRowOut]
    stray_station_ids: list[int] = Field(description=_("Stations not under a centre of this street"))


def _matrix_place(place: Place) -> dict:
    return {
        "id": place.pk,
        "name": place.name,
        "area_id": place.area_id,
        "area_name": place.area.name,
        "status": place.status,
        "parent_place_id": place.parent_place_id,
    }


@matrix_router.get(
    "/{area_id}",
    response=list[ServiceMatrixOut],
    summary=_("The 1+N+X matrix of the street (township) of an area, or of every street under it"),
)
def service_matrix(request, area_id: ObjectId):
    _staff(request.user)
    area = get_for_user(Area, request.user, area_id)
    places = Place.objects.restrict(request.user)
    answer = []
    for street in circles.streets_in(area):
        m = circles.service_matrix(street, places)
        answer.append(
            {
                "street_id": street.pk,
                "street_name": street.name,
                "hubs": m.counts[0],
                "centres": m.counts[1],
                "stations": m.counts[2],
                "hub_places": [_matrix_place(p) for p in m.hubs],
                "centre_places": [_matrix_place(p) for p in m.centres],
                "station_places": [_matrix_place(p) for p in m.stations],
                "rows": [
                    {
                        "area_id": r.area.pk,
                        "area_name": r.area.name,
                        "centres": [c.pk for c in r.centres],
                        "stations": len(r.stations),
                        "estates": r.estates,
                        "estates_with_station": r.estates_with_station,
                    }
                    for r in m.rows
                ],
                "stray_station_ids": [p.pk for p in m.stray],
            }
        )
    return answer


# -- the map of the service places (P004-27) ----------------------------------------------------------


class MapPlaceOut(Schema):
    id: int
    name: str
    format: str = Field(description=_("hub, centre, station, complex or other"))
    format_label: str
    lat: float
    lng: float
    position_from: str = Field(
        description=_(
            "place: its own position; area: its area's; around: the middle of the places under its area"
        )
    )
    area_id: int
    area_name: str
    status: str
    status_label: str
    functions: list[str]
    designations: list[str]
    url: str


class MapFormatOut(Schema):
    code: str
    label: str
    colour: str
    count: int


class UnplacedOut(Schema):
    id: int
    name: str


class ServiceMapOut(Schema):
    area_id: int
    area_name: str
    total: int = Field(description=_("Places on the map"))
    formats: list[MapFormatOut]
    places: list[MapPlaceOut]
    unplaced: list[UnplacedOut] = Field(description=_("Places with no position, not on the map"))


@matrix_router.get(
    "/{area_id}/map",
    response=ServiceMapOut,
    summary=_("Every service place at or under an area with its position, format and functions (the map)"),
)
def service_map(request, area_id: ObjectId):
    _staff(request.user)
    area = get_for_user(Area, request.user, area_id)
    found = places_map(area, Place.objects.restrict(request.user))
    return {
        "area_id": area.pk,
        "area_name": area.name,
        "total": len(found.points),
        "formats": found.legend(),
        "places": found.points,
        "unplaced": [{"id": p.pk, "name": p.name} for p in found.unplaced],
    }


# -- clusters -----------------------------------------------------------------------------------------


class ClusterCentreOut(Schema):
    id: int
    name: str
    status: str
    opening_hours: str
    subsidy: str | None


class ClusterOut(Schema):
    area_id: int
    name: str
    villages: list[str]
    centres: list[ClusterCentreOut]
    subsidy: str


class ClusterItemOut(Schema):
    id: int
    name: str


class ClustersOut(Schema):
    area_id: int
    with_centre: int
    without_centre: int
    subsidy_total: str = Field(description=_("Subsidy of the clusters' centres, yuan, a decimal string"))
    clusters: list[ClusterOut]
    clusters_without_centre: list[ClusterOut] = Field(description=_("The clusters that have no centre yet"))
    items: list[ClusterItemOut] = Field(description=_("Items handled at every cluster centre"))


class ClusterFilters(Schema):
    area_id: ObjectId | None = Field(
        None, description=_("Clusters at or under this area; yours unless given")
    )


def _cluster_payload(row) -> dict:
    return {
        "area_id": row.cluster.pk,
        "name": row.cluster.name,
        "villages": [v.name for v in row.villages],
        "centres": [
            {
                "id": c.pk,
                "name": c.name,
                "status": c.status,
                "opening_hours": c.opening_hours,
                "subsidy": str(c.subsidy) if c.subsidy is not None else None,
            }
            for c in row.centres
        ],
        "subsidy": str(row.subsidy),
    }


@clusters_router.get("/", response=ClustersOut, summary=_("Clusters, their service centres and subsidy"))
def cluster_list(request, filters: Query[ClusterFilters]):
    _staff(request.user)
    if filters.area_id:
        area = get_for_user(Area, request.user, filters.area_id)
    else:
        area = Area.objects.restrict(request.user).order_by("depth", "path").first()
        if area is None:
            raise PermissionDenied
    found = circles.clusters_overview(area, Place.objects.restrict(request.user))
    return {
        "area_id": area.pk,
        "with_centre": len(found["with_centre"]),
        "without_centre": len(found["without_centre"]),
        "subsidy_total": str(found["subsidy_total"]),
        "clusters": [_cluster_payload(r) for r in found["rows"]],
        "clusters_without_centre": [_cluster_payload(r) for r in found["without_centre"]],
        "items": [{"id": i.pk, "name": i.name} for i in found["items"]],
    }
