"""Positions for the demo county's places: every estate, grid, village, building and unit gets a plausible
point around the county seat, so a report with only a position lands where it was made (Open311, 随手拍's
nearest estate) and maps show the county's shape.

Streets' communities sit near their service centres in town, townships some kilometres out with their
villages around them, buildings within 50 m of their estate. An estate lies north of its community's
service centre, the n-th ESTATE_STEP_M·n metres away, except the two the service-circle scenarios name
(ESTATE_OFFSETS: 和谐家园 250 m east and 盛世名邸 1,500 m south of 梧桐里社区党群服务中心, issue 21). A place
with no position on an estate, grid or building takes that area's point. A unit takes its
building's point: households are recorded on units, so a household's position is its building's.
Only areas with neither coordinate are filled: a position someone entered stays as it is, and a second
load changes nothing.
"""

import math
from decimal import Decimal

from lianxin.areas.models import Area, Level, Place
from lianxin.core.paths import parent_path
from lianxin.core.scope import under

# Levels whose position is stored; the others are only the centres their children are placed around.
STORED_LEVELS = {Level.ESTATE, Level.GRID, Level.VILLAGE, Level.BUILDING, Level.UNIT}
# The spacing of siblings round their parent, in metres (a sunflower spiral: the n-th child at
# spacing·√n, turned by the golden angle, so no two children of one parent share a point).
SPACING_M = {
    Level.STREET: 1500,
    Level.COMMUNITY: 450,
    Level.CLUSTER: 1500,
    Level.VILLAGE: 1100,
    Level.ESTATE: 110,
    Level.GRID: 300,
    Level.BUILDING: 22,
}
# Buildings stay within this of their estate's point.
BUILDING_RADIUS_M = 48
ESTATE_STEP_M = 150
# Estates placed by name round their community's centre: (metres, direction in degrees, 0 east, 90 north).
ESTATE_OFFSETS = {"和谐家园": (250, 0), "盛世名邸": (1500, 270)}
# Townships lie out of town: this far from the county seat, one direction each.
TOWNSHIP_DISTANCE_M = 8000
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
METRES_PER_DEGREE = 111_320.0
SEAT = (35.39, 116.09)  # the county seat when the county itself has no position
QUANTUM = Decimal("0.000001")


def _moved(centre: tuple[float, float], distance_m: float, angle: float) -> tuple[float, float]:
    lat, lng = centre
    d_lat = distance_m * math.sin(angle) / METRES_PER_DEGREE
    d_lng = distance_m * math.cos(angle) / (METRES_PER_DEGREE * math.cos(math.radians(lat)))
    return lat + d_lat, lng + d_lng


def _around(centre, level: str, index: int) -> tuple[float, float]:
    """The ``index``-th child (from 0) of a parent at ``centre``."""
    if level == Level.UNIT:
        return centre
    if level == Level.TOWNSHIP:
        return _moved(centre, TOWNSHIP_DISTANCE_M, math.radians(200 + 140 * index))
    if level == Level.BUILDING:
        radius = min(SPACING_M[level] * math.sqrt(index + 1), BUILDING_RADIUS_M)
        return _moved(centre, radius, GOLDEN_ANGLE * (index + 1))
    spacing = SPACING_M.get(level, 200)
    return _moved(centre, spacing * math.sqrt(index + 1), GOLDEN_ANGLE * (index + 1))


def _community_centres(county: Area) -> dict[str, tuple[float, float]]:
    """A community's centre is its service centre's position where one is recorded."""
    centres = {}
    places = Place.objects.filter(
        under("area_path", county.path), area__level=Level.COMMUNITY, lat__isnull=False, lng__isnull=False
    ).order_by("id")
    for place in places:
        centres.setdefault(place.area_path, (float(place.lat), float(place.lng)))
    return centres


def positions_ensure(county: Area) -> int:
    """Fill the positions of the county's estates, grids, villages, buildings and units that have none.
    Returns how many areas were given one."""
    seat = (float(county.lat), float(county.lng)) if county.lat is not None and county.lng else SEAT
    centres: dict[str, tuple[float, float]] = {county.path: seat}
    centres.update(_community_centres(county))
    children_seen: dict[str, int] = {}
    changed = []
    community_paths = set(centres) - {county.path}
    areas = Area.objects.filter(under("path", county.path), depth__gt=county.depth).order_by("path")
    for area in areas.only("id", "path", "depth", "level", "lat", "lng", "name"):
        parent = parent_path(area.path)
        index = children_seen.get(parent, 0)
        children_seen[parent] = index + 1
        parent_centre = centres.get(parent, seat)
        if area.lat is not None and area.lng is not None:
            centres[area.path] = (float(area.lat), float(area.lng))
            continue
        if area.level == Level.ESTATE and parent in community_paths:
            distance, degrees = ESTATE_OFFSETS.get(area.name, (ESTATE_STEP_M * (index + 1), 90))
            point = _moved(parent_centre, distance, math.radians(degrees))
        else:
            point = centres.get(area.path) or _around(parent_centre, area.level, index)
        centres[area.path] = point
        if area.level in STORED_LEVELS and area.lat is None and area.lng is None:
            area.lat = Decimal(point[0]).quantize(QUANTUM)
            area.lng = Decimal(point[1]).quantize(QUANTUM)
            changed.append(area)
    Area.objects.bulk_update(changed, ["lat", "lng"], batch_size=2000)
    _places_on_their_area(county, centres)
    return len(changed)


def _places_on_their_area(county: Area, centres: dict[str, tuple[float, float]]) -> None:
    """A station recorded on an estate (grid, building) or a cluster's centre without a position stands at
    that area's point."""
    places = Place.objects.filter(
        under("area_path", county.path),
        lat__isnull=True,
        lng__isnull=True,
        area__level__in=STORED_LEVELS | {Level.CLUSTER},
    )
    located = []
    for place in places:
        if place.area_path in centres:
            lat, lng = centres[place.area_path]
            place.lat, place.lng = Decimal(lat).quantize(QUANTUM), Decimal(lng).quantize(QUANTUM)
            located.append(place)
    Place.objects.bulk_update(located, ["lat", "lng"])
