"""Positions for the demo county's places: every estate, grid, village, building and unit gets a plausible
point around the county seat, so a report with only a position lands where it was made (Open311, 随手拍's
nearest estate) and maps show the county's shape.

Streets' communities sit near their service centres in town, townships some kilometres out with their
villages around them, estates round their community, buildings round their estate. A unit takes its
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
    areas = Area.objects.filter(under("path", county.path), depth__gt=county.depth).order_by("path")
    for area in areas.only("id", "path", "depth", "level", "lat", "lng"):
        parent = parent_path(area.path)
        index = children_seen.get(parent, 0)
        children_seen[parent] = index + 1
        parent_centre = centres.get(parent, seat)
        if area.lat is not None and area.lng is not None:
            centres[area.path] = (float(area.lat), float(area.lng))
            continue
        point = centres.get(area.path) or _around(parent_centre, area.level, index)
        centres[area.path] = point
        if area.level in STORED_LEVELS and area.lat is None and area.lng is None:
            area.lat = Decimal(point[0]).quantize(QUANTUM)
            area.lng = Decimal(point[1]).quantize(QUANTUM)
            changed.append(area)
    Area.objects.bulk_update(changed, ["lat", "lng"], batch_size=2000)
    return len(changed)
