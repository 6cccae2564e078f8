"""Places (service centres and stations, rest stations, education bases): record and edit them (P001-45,
P001-46, P001-52, P001-53, P001-55), and read them for pages, the API and couriers (nearest first)."""

from django.db import transaction
from django.utils.translation import gettext as _

from lianxin.areas.models import Area, Place
from lianxin.core.errors_domain import DomainError
from lianxin.core.geo import distance_m

PLACE_FIELDS = (
    "name", "address", "lat", "lng", "opening_hours", "staggered_hours", "has_one_stop_hall", "services",
    "amenities", "status", "floor_area", "batch", "planned_completion", "builder", "owner", "user_unit",
    "street_front", "parent_place", "party_org",
)  # fmt: skip


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
    parent = fields.get("parent_place")
    if parent is not None and place is not None and parent.pk == place.pk:
        raise DomainError(_("A place cannot belong to itself."), field="parent_place")
    place = place or Place()
    for name in PLACE_FIELDS:
        if name in fields:
            value = fields[name]
            setattr(place, name, value.strip() if isinstance(value, str) else value)
    place.area = area
    place.area_path = area.path
    place.save()
    place.designations.set(designations)
    if functions is not None:
        # Dropping a function later keeps the activities already logged under it (and their counts).
        place.functions.set(list(functions))
    return place


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
