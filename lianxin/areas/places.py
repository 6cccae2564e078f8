"""Places (service centres and stations, rest stations, education bases): record and edit them (P001-45,
P001-46, P001-52, P001-53, P001-55), and read them for pages, the API and couriers (nearest first)."""

from datetime import datetime
from decimal import Decimal

import django.dispatch
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.areas.models import Area, Level, Place, PlaceAmenity, PlaceHours, PlaceStatus
from lianxin.areas.place_hours import MIDNIGHT, amenities_parse, hours_parse
from lianxin.core.errors_domain import DomainError
from lianxin.core.geo import distance_m
from lianxin.core.paths import ancestor_paths, under

PLACE_FIELDS = (
    "name", "address", "lat", "lng", "opening_hours", "staggered_hours", "has_one_stop_hall", "services",
    "amenities", "amenity_items", "in_service_circle", "subsidy", "status", "floor_area", "batch",
    "planned_completion", "builder", "owner", "user_unit", "street_front", "parent_place", "party_org",
)  # fmt: skip

CENTRE = "service_centre"
STATION = "service_station"
# The designations people walk to in the 15-minute service circle (P000-25, P002-36).
CIRCLE_DESIGNATIONS = (
    "service_centre", "service_station", "cluster_centre", "estate_station", "service_complex",
)  # fmt: skip
GRID_LEVELS = (Level.ESTATE, Level.GRID)
STREET_LEVELS = (Level.STREET, Level.TOWNSHIP)

# Sent by place_save once a place is written (its area, hours and designations settled); the 15-minute
# reach listens, so the figures follow a new station without this app knowing who reads them.
place_saved = django.dispatch.Signal()


def _ancestor(area: Area, levels) -> Area | None:
    """The nearest area at one of ``levels`` at or above ``area``."""
    return (
        Area.objects.filter(path__in=ancestor_paths(area.path), level__in=levels).order_by("-depth").first()
    )


def _designated(code: str, designations) -> bool:
    return any(d.code == code for d in designations)


def _check_matrix(place: Place | None, area: Area, designations, parent: Place | None) -> None:
    """The 1+N+N matrix (P004-27): one centre per community, one station per grid, and a station belongs to
    a centre of its own street (township)."""
    others = Place.objects.exclude(pk=place.pk) if place is not None and place.pk else Place.objects.all()
    if (
        _designated(CENTRE, designations)
        and area.level == Level.COMMUNITY
        and others.filter(area=area, designations__code=CENTRE).exists()
    ):
        raise DomainError(
            _("This community already has a party-mass service centre."),
            code="invalid_state",
            field="designations",
        )
    if not _designated(STATION, designations):
        return
    grid = _ancestor(area, GRID_LEVELS)
    if grid is not None and others.filter(under("area_path", grid.path), designations__code=STATION).exists():
        raise DomainError(
            _("This grid already has a party-mass service station."),
            code="invalid_state",
            field="designations",
        )
    street = _ancestor(area, STREET_LEVELS)
    if street is None:
        return  # a county's own station has no street to belong to
    if (
        parent is None
        or not parent.designations.filter(code=CENTRE).exists()
        or not parent.area_path.startswith(street.path)
    ):
        raise DomainError(
            _("A service station must belong to a service centre of its own street (township)."),
            field="parent_place",
        )


def _amenity_items(fields: dict) -> list[str] | None:
    """The amenity codes given, checked against the fixed list; read from the text when only it is given."""
    if "amenity_items" in fields and fields["amenity_items"] is not None:
        items = list(fields["amenity_items"])
        unknown = [i for i in items if i not in PlaceAmenity.values]
        if unknown:
            names = "、".join(map(str, unknown))
            raise DomainError(_("Unknown amenity: %(codes)s.") % {"codes": names}, field="amenity_items")
        return [code for code in PlaceAmenity.values if code in items]
    if "amenities" in fields:
        return amenities_parse(fields["amenities"])
    return None


@transaction.atomic
def place_save(*, actor, place: Place | None, area: Area, designations, functions=None, **fields) -> Place:
    """Create (``place`` None) or update a place in ``area``; it needs a name and at least one designation.
    ``functions`` (what it is used for) is left as it is when None."""
    if not (fields.get("name") or "").strip():
        raise DomainError(_("Enter a name."), field="name")
    designations = list(designations)
    if not designations:
        raise DomainError(_("Choose at least one designation."), field="designations")
    if (fields.get("lat") is None) != (fields.get("lng") is None):
        raise DomainError(_("Enter both latitude and longitude, or neither."), field="lat")
    parent = fields.get("parent_place", place.parent_place if place is not None else None)
    if parent is not None and place is not None and parent.pk == place.pk:
        raise DomainError(_("A place cannot belong to itself."), field="parent_place")
    subsidy = fields.get("subsidy")
    if subsidy is not None and Decimal(subsidy) < 0:
        raise DomainError(_("The subsidy cannot be negative."), field="subsidy")
    _check_matrix(place, area, designations, parent)
    items = _amenity_items(fields)
    fields = {k: v for k, v in fields.items() if k != "amenity_items"}
    place = place or Place()
    for name in PLACE_FIELDS:
        if name in fields:
            value = fields[name]
            setattr(place, name, value.strip() if isinstance(value, str) else value)
    if items is not None:
        place.amenity_items = items
    place.area = area
    place.area_path = area.path
    place.save()
    place.designations.set(designations)
    if functions is not None:
        # Dropping a function later keeps the activities already logged under it (and their counts).
        place.functions.set(list(functions))
    hours_store(place)
    place_saved.send(sender=Place, place=place)
    return place


def places_readable(user):
    """The places a user may read: those of his scope, and every open place for anyone signed in (a
    courier looking for a station, a resident for his centre; issue 21). Writing still needs the area."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Place.objects.none()
    return Place.objects.filter(
        Q(pk__in=Place.objects.restrict(user).values("pk")) | Q(status=PlaceStatus.OPEN)
    )


def place_readable_get(user, pk, queryset=None) -> Place:
    """One place the user may read (``places_readable``), 404 otherwise."""
    queryset = queryset if queryset is not None else Place.objects.all()
    try:
        return queryset.filter(pk__in=places_readable(user).values("pk")).get(pk=pk)
    except (Place.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def hours_store(place: Place) -> None:
    """Replace the place's opening periods with those read from its hours text (none when unreadable)."""
    PlaceHours.objects.filter(place=place).delete()
    PlaceHours.objects.bulk_create(
        PlaceHours(place=place, weekday=day, opens=opens, closes=closes)
        for day, opens, closes in hours_parse(place.opening_hours)
    )


def open_at_q(moment: datetime) -> Q:
    """Places open at ``moment`` (local time): one of their periods that day covers it."""
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    at = local.time().replace(microsecond=0)
    periods = PlaceHours.objects.filter(weekday=local.weekday(), opens__lte=at).filter(
        Q(closes__gt=at) | Q(closes=MIDNIGHT)
    )
    return Q(pk__in=periods.values("place_id"))


def places_search(
    places, *, amenity: str = "", open_at: datetime | None = None, function: str = "", lat=None, lng=None
) -> list[Place]:
    """Open places with ``amenity`` (a PlaceAmenity code), open at ``open_at``, used for ``function`` (a
    PlaceFunction code); nearest first when a position is given. The amenity list is a JSON list, filtered
    here rather than in SQL (SQLite has no JSON containment), after the narrowing the database can do."""
    if amenity and amenity not in PlaceAmenity.values:
        raise DomainError(_("Unknown amenity: %(codes)s.") % {"codes": amenity}, field="amenity")
    places = places.filter(status=PlaceStatus.OPEN)
    if open_at is not None:
        places = places.filter(open_at_q(open_at))
    if function:
        places = places.filter(functions__code=function)
    found = [p for p in places.distinct() if not amenity or amenity in (p.amenity_items or [])]
    if lat is not None and lng is not None:
        return places_nearest(found, lat=lat, lng=lng)
    return found


def places_nearest(places, *, lat: float, lng: float) -> list[Place]:
    """Places with a location, nearest first (each gets ``distance_km``); those without one come last."""
    located, unlocated = [], []
    for place in places:
        if place.lat is not None and place.lng is not None:
            place.distance_km = round(distance_m(lat, lng, place.lat, place.lng) / 1000, 2)
            located.append(place)
        else:
            place.distance_km = None
            unlocated.append(place)
    return sorted(located, key=lambda p: p.distance_km) + unlocated


def places_map_points(places, *, width: int = 600, height: int = 400, margin: int = 30) -> list[dict]:
    """Located places projected into an SVG box (equirectangular, north up): no map tiles, no external
    address, just where the stations lie relative to each other."""
    located = [p for p in places if p.lat is not None and p.lng is not None]
    if not located:
        return []
    lats = [float(p.lat) for p in located]
    lngs = [float(p.lng) for p in located]
    lat_span = (max(lats) - min(lats)) or 0.01
    lng_span = (max(lngs) - min(lngs)) or 0.01
    points = []
    for place in located:
        x = margin + (float(place.lng) - min(lngs)) / lng_span * (width - 2 * margin)
        y = margin + (max(lats) - float(place.lat)) / lat_span * (height - 2 * margin)
        points.append({"place": place, "x": round(x, 1), "y": round(y, 1)})
    return points
