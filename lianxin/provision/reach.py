"""The 15-minute service circle (P000-25, P002-36) and station coverage (P004-27, P004-28).

Walking minutes are straight-line metres × ``LIANXIN_WALK_DETOUR`` (streets are not straight) ÷
``LIANXIN_WALK_METRES_PER_MIN``. A household is where its area (its unit, building, estate or village) is
located, the nearest located ancestor when its own area has no point. The places people walk to are the open
ones in the service circle (``Place.in_service_circle``). ``reach_refresh`` stores each household's nearest
place and minutes (nightly, and after a place is saved); the figures count those rows.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Count, F, Q
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from lianxin.areas.models import Area, Household, Level, Place, PlaceStatus
from lianxin.core.geo import distance_m
from lianxin.core.paths import ancestor_paths, under
from lianxin.provision.models.reach import HouseholdReach

CIRCLE_MINUTES = 15
# A grid's own station (the "N" of 1+N+N): what the station coverage counts.
STATION_DESIGNATIONS = ("service_station", "estate_station")
CENTRE_DESIGNATION = "service_centre"
ESTATE_LEVELS = (Level.ESTATE, Level.GRID, Level.VILLAGE)
TENTH = Decimal("0.1")


def walk_minutes(metres: float) -> Decimal:
    minutes = Decimal(str(metres)) * Decimal(str(settings.LIANXIN_WALK_DETOUR))
    return (minutes / Decimal(str(settings.LIANXIN_WALK_METRES_PER_MIN))).quantize(TENTH, ROUND_HALF_UP)


def circle_places() -> list[Place]:
    return list(
        Place.objects.filter(
            in_service_circle=True, status=PlaceStatus.OPEN, lat__isnull=False, lng__isnull=False
        ).order_by("id")
    )


def nearest(point: tuple[float, float], places: list[Place]) -> tuple[Place | None, float | None]:
    """The nearest of ``places`` to ``point`` and its straight-line metres; (None, None) with no place."""
    best, best_m = None, None
    for place in places:
        metres = distance_m(point[0], point[1], place.lat, place.lng)
        if best_m is None or metres < best_m:
            best, best_m = place, metres
    return best, best_m


class _Positions:
    """Area paths to points, the nearest located ancestor standing in for an area without one."""

    def __init__(self):
        self.points = {
            path: (float(lat), float(lng))
            for path, lat, lng in Area.objects.filter(lat__isnull=False, lng__isnull=False).values_list(
                "path", "lat", "lng"
            )
        }
        self.estates = dict(Area.objects.filter(level__in=ESTATE_LEVELS).values_list("path", "id"))

    def point(self, path: str) -> tuple[float, float] | None:
        for candidate in reversed(ancestor_paths(path)):
            if candidate in self.points:
                return self.points[candidate]
        return None

    def estate(self, path: str) -> int | None:
        for candidate in reversed(ancestor_paths(path)):
            if candidate in self.estates:
                return self.estates[candidate]
        return None


def _reach_rows(households, places, positions) -> list[HouseholdReach]:
    memo: dict[str, tuple] = {}
    rows = []
    for household_id, path in households:
        if path not in memo:
            point = positions.point(path)
            place, metres = nearest(point, places) if point else (None, None)
            memo[path] = (positions.estate(path), place, metres)
        estate_id, place, metres = memo[path]
        rows.append(
            HouseholdReach(
                household_id=household_id,
                estate_id=estate_id,
                place=place,
                metres=round(metres) if metres is not None else None,
                minutes=walk_minutes(metres) if metres is not None else None,
                area_path=path,
            )
        )
    return rows


@transaction.atomic
def reach_refresh() -> int:
    """Store every household's nearest service-circle place and walking minutes; returns how many."""
    rows = _reach_rows(
        Household.objects.values_list("id", "area_path").iterator(), circle_places(), _Positions()
    )
    HouseholdReach.objects.all().delete()
    HouseholdReach.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def reach_affected_paths(place: Place) -> list[str]:
    """The areas whose households a change of ``place`` can move: its street (township), or the county
    for a place above the streets. Households elsewhere whose stored nearest place it was are added by
    ``reach_refresh_near``."""
    street = (
        Area.objects.filter(path__in=ancestor_paths(place.area_path))
        .filter(level__in=(Level.STREET, Level.TOWNSHIP))
        .order_by("-depth")
        .first()
    )
    return [street.path if street is not None else place.area_path]


# Around a saved place, households whose position lies this close are recomputed wherever their street:
# twice the circle's straight-line reach, so a household across a street border that now has the place
# within 15 minutes (or lost it) follows at once; farther ones are outside the circle either way.
NEAR_RADIUS_M = 2 * CIRCLE_MINUTES * 80 / 1.3


@transaction.atomic
def reach_refresh_near(place: Place) -> int:
    """Recompute only the households a saved place can affect: those of its street (township), those
    positioned within ``NEAR_RADIUS_M`` of it, and those whose nearest place it was (it may have moved,
    closed or left the circle). The nightly full refresh stays the safety net. Returns how many."""
    positions = _Positions()
    inside = Q(pk__in=HouseholdReach.objects.filter(place=place).values("household_id"))
    for path in reach_affected_paths(place):
        inside |= under("area_path", path)
    if place.lat is not None and place.lng is not None:
        near = []
        for path in Household.objects.values_list("area_path", flat=True).distinct():
            point = positions.point(path)
            if point and distance_m(point[0], point[1], place.lat, place.lng) <= NEAR_RADIUS_M:
                near.append(path)
        inside |= Q(area_path__in=near)
    households = Household.objects.filter(inside)
    rows = _reach_rows(list(households.values_list("id", "area_path")), circle_places(), positions)
    HouseholdReach.objects.filter(household__in=households.values("pk")).delete()
    HouseholdReach.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


# 03:20 Beijing time (the schedule is in UTC), before the morning's figures are read.
@db_periodic_task(crontab(hour="19", minute="20"), name="reach_refresh")
def reach_refresh_task():
    reach_refresh()


@db_task(name="reach_refresh_near")
def reach_refresh_near_task(place_id: int):
    place = Place.objects.filter(pk=place_id).first()
    if place is None:
        reach_refresh()  # deleted since: the rows pointing at it were set to none, recompute all
    else:
        reach_refresh_near(place)


@dataclass(frozen=True)
class ReachFigures:
    area: Area
    households: int  # recorded under the area
    households_located: int
    households_within: int  # within CIRCLE_MINUTES of an open service-circle place
    estates: int
    estates_with_station: int  # an open station on the estate (grid)
    estates_within: int  # the estate's point within CIRCLE_MINUTES of an open service-circle place
    communities: int
    communities_with_centre: int
    target: Decimal

    @staticmethod
    def _share(part: int, whole: int) -> Decimal | None:
        return (Decimal(part) / Decimal(whole)).quantize(Decimal("0.0001")) if whole else None

    @property
    def circle_share(self) -> Decimal | None:
        return self._share(self.households_within, self.households_located)

    @property
    def station_coverage(self) -> Decimal | None:
        return self._share(self.estates_with_station, self.estates)

    @property
    def meets_target(self) -> bool | None:
        coverage = self.station_coverage
        return None if coverage is None else coverage >= self.target


def _open_places(codes) -> list[str]:
    return list(
        Place.objects.filter(status=PlaceStatus.OPEN, designations__code__in=codes)
        .values_list("area_path", flat=True)
        .distinct()
    )


def reach_figures(area: Area) -> ReachFigures:
    """The coverage figures of ``area`` (its subtree), from the stored reach and the places as they are."""
    inside = under("area_path", area.path)
    stored = HouseholdReach.objects.filter(inside)
    estates = list(
        Area.objects.filter(under("path", area.path), level__in=(Level.ESTATE, Level.GRID)).values_list(
            "path", "lat", "lng"
        )
    )
    stations = _open_places(STATION_DESIGNATIONS)
    places = circle_places()
    within = 0
    for _path, lat, lng in estates:
        if lat is not None and lng is not None:
            _place, metres = nearest((float(lat), float(lng)), places)
            within += metres is not None and walk_minutes(metres) <= CIRCLE_MINUTES
    communities = set(
        Area.objects.filter(under("path", area.path), level=Level.COMMUNITY).values_list("path", flat=True)
    )
    centres = {path for path in _open_places([CENTRE_DESIGNATION]) if path in communities}
    return ReachFigures(
        area=area,
        households=Household.objects.filter(inside).count(),
        households_located=stored.filter(minutes__isnull=False).count(),
        households_within=stored.filter(minutes__lte=CIRCLE_MINUTES).count(),
        estates=len(estates),
        estates_with_station=sum(
            1 for path, _lat, _lng in estates if any(s.startswith(path) for s in stations)
        ),
        estates_within=within,
        communities=len(communities),
        communities_with_centre=len(centres),
        target=Decimal(str(settings.LIANXIN_TARGET_STATION_COVERAGE)),
    )


# -- lists (P000-25, P001-51): who is outside the circle ---------------------------------------------------

ESTATE_MINUTES = 10  # the 10-minute party-mass service circle of an estate (P001-51)


def households_outside(user, area: Area, *, minutes: int = CIRCLE_MINUTES):
    """The stored reach of the households of ``area`` more than ``minutes`` from an open place, farthest
    first, then those that could not be located (no place or no position). Households are residents'
    data: the scope is the user's resident scope (``HouseholdReach.scope`` has ``residents=True``), so a
    role that may not see residents gets none."""
    return (
        HouseholdReach.objects.restrict(user)
        .filter(under("area_path", area.path))
        .filter(Q(minutes__gt=minutes) | Q(minutes__isnull=True))
        .select_related("household", "estate", "place")
        .order_by(F("minutes").desc(nulls_first=True), "household_id")
    )


def sees_households(user, area: Area) -> bool:
    """Whether the user's resident scope reaches into ``area`` at all (the lists open for him)."""
    from lianxin.core.scope import VIEW, grants_for

    paths = grants_for(user).resident_area_paths[VIEW]
    return any(area.path.startswith(p) or p.startswith(area.path) for p in paths)


@dataclass(frozen=True)
class EstateReach:
    estate: Area
    place: Place | None
    metres: int | None
    minutes: Decimal | None
    households: int


def estates_reach(area: Area) -> list[EstateReach]:
    """Each estate (grid, village) of ``area``: the walking minutes from its point to the nearest open
    service-circle place, nearest first, unlocated last. Estates are not residents' data."""
    places = circle_places()
    estates = Area.objects.filter(under("path", area.path), level__in=ESTATE_LEVELS).order_by("path")
    counts = dict(
        HouseholdReach.objects.filter(under("area_path", area.path), estate__isnull=False)
        .values_list("estate_id")
        .annotate(n=Count("pk"))
        .values_list("estate_id", "n")
    )
    rows = []
    for estate in estates:
        place, metres = (None, None)
        if estate.lat is not None and estate.lng is not None:
            place, metres = nearest((float(estate.lat), float(estate.lng)), places)
        rows.append(
            EstateReach(
                estate=estate,
                place=place,
                metres=round(metres) if metres is not None else None,
                minutes=walk_minutes(metres) if metres is not None else None,
                households=counts.get(estate.pk, 0),
            )
        )
    return sorted(rows, key=lambda r: (r.minutes is None, r.minutes or 0, r.estate.path))


def estates_outside(area: Area, *, minutes: int = ESTATE_MINUTES) -> list[EstateReach]:
    """The estates of ``area`` more than ``minutes`` from the nearest open place (or not located)."""
    return [r for r in estates_reach(area) if r.minutes is None or r.minutes > minutes]
