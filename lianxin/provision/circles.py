"""Reads of the service places (docs/services.md "场所与服务圈"): the 1+N+X matrix of a street (P002-40),
the clusters and their centres (P000-24, P002-34, P002-35), what a community centre handles (P000-24's rule
in town), the formats of the complexes (P000-44), the rules in force at a place (P002-42) and what a
resident's cluster or community offers him (P000-24, P002-25).

These names are kept stable: the figures and the dashboard call them (``service_matrix``,
``clusters_overview``, ``formats_matrix``, ``rules_in_force``, ``resident_circle``)."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from lianxin.areas.models import Area, Level, Place, PlaceStatus
from lianxin.core.paths import ancestor_paths, under
from lianxin.provision.models import FormatKind, ListingState, PlaceFormat, PlaceRule, ServiceItem

HUB_DESIGNATIONS = ("party_position",)
CENTRE_DESIGNATION = "service_centre"
CLUSTER_CENTRE = "cluster_centre"
CENTRE_DESIGNATIONS = (CENTRE_DESIGNATION, CLUSTER_CENTRE)
STATION_DESIGNATIONS = ("service_station", "estate_station")
COMPLEX_DESIGNATION = "service_complex"
STREET_LEVELS = (Level.STREET, Level.TOWNSHIP)
# The N of a street: the centres of its communities, villages and clusters.
CENTRE_LEVELS = (Level.COMMUNITY, Level.VILLAGE, Level.CLUSTER)


def _codes(place) -> set[str]:
    return {d.code for d in place.designations.all()}


# -- the 1+N+X matrix (P002-40) -------------------------------------------------------------------------


@dataclass
class CommunityRow:
    area: Area
    centres: list = field(default_factory=list)
    stations: list = field(default_factory=list)
    estates: int = 0
    estates_with_station: int = 0


@dataclass
class StreetMatrix:
    street: Area
    hubs: list
    centres: list
    stations: list
    rows: list  # CommunityRow per community, village or cluster
    stray: list  # stations whose centre is not a centre of this street (recorded before the rule)

    @property
    def counts(self) -> tuple[int, int, int]:
        return len(self.hubs), len(self.centres), len(self.stations)


def streets_in(area: Area):
    """The streets and townships at or under ``area`` (or the one above it)."""
    if area.level in STREET_LEVELS:
        return [area]
    above = Area.objects.filter(path__in=ancestor_paths(area.path), level__in=STREET_LEVELS).first()
    if above is not None:
        return [above]
    return list(Area.objects.filter(under("path", area.path), level__in=STREET_LEVELS).order_by("path"))


def service_matrix(street: Area, places=None) -> StreetMatrix:
    """The street's 1 (its own centre or party position at the street, or a place with the hub function),
    N (centres of its communities, villages, clusters) and X (stations on its estates and grids), from
    ``places`` (a queryset the caller has scoped; all places when None)."""
    places = places if places is not None else Place.objects.all()
    inside = list(
        places.filter(under("area_path", street.path))
        .select_related("area", "parent_place")
        .prefetch_related("designations", "functions")
        .order_by("area_path", "name")
    )
    hubs, centres, stations = [], [], []
    for place in inside:
        codes = _codes(place)
        is_hub = place.area_id == street.pk and codes & {CENTRE_DESIGNATION, *HUB_DESIGNATIONS}
        if is_hub or any(f.code == "hub" for f in place.functions.all()):
            hubs.append(place)
        elif codes & set(CENTRE_DESIGNATIONS) and place.area.level in CENTRE_LEVELS:
            centres.append(place)
        elif codes & set(STATION_DESIGNATIONS):
            stations.append(place)
    units = Area.objects.filter(under("path", street.path), level__in=CENTRE_LEVELS).order_by("path")
    rows = []
    estates = list(
        Area.objects.filter(under("path", street.path), level__in=(Level.ESTATE, Level.GRID)).values_list(
            "path", flat=True
        )
    )
    for unit in units:
        row = CommunityRow(area=unit)
        row.centres = [p for p in centres if p.area_id == unit.pk]
        row.stations = [
            p for p in stations if p.area_path.startswith(unit.path) and p.area.level != Level.CLUSTER
        ]
        own = [e for e in estates if e.startswith(unit.path)]
        row.estates = len(own)
        row.estates_with_station = sum(1 for e in own if any(s.area_path.startswith(e) for s in stations))
        rows.append(row)
    stray = [
        s for s in stations if s.parent_place is None or not s.parent_place.area_path.startswith(street.path)
    ]
    return StreetMatrix(street, hubs, centres, stations, rows, stray)


# -- clusters and their centres (P000-24, P002-34, P002-35) ---------------------------------------------


def cluster_items():
    """The catalogue items every cluster centre handles (``at_cluster_centres``)."""
    return (
        ServiceItem.objects.filter(at_cluster_centres=True, category__is_active=True)
        .select_related("category")
        .order_by("category__path")
    )


def community_items():
    """The catalogue items every community centre's one-stop hall handles (``at_community_centres``)."""
    return (
        ServiceItem.objects.filter(at_community_centres=True, category__is_active=True)
        .select_related("category")
        .order_by("category__path")
    )


def is_community_centre(place: Place) -> bool:
    """A 社区党群服务中心: a service centre recorded on a community."""
    return place.area.level == Level.COMMUNITY and place.designations.filter(code=CENTRE_DESIGNATION).exists()


def place_items(place: Place) -> list[ServiceItem]:
    """What a centre or station handles: the items of its open windows, at a cluster centre the items
    devolved to every cluster centre, at a community centre those of every community centre's one-stop
    hall, and those of the listed providers attached to it; in catalogue order, each once."""
    items = {
        item.pk: item
        for item in ServiceItem.objects.filter(windows__place=place, windows__is_active=True)
        .select_related("category")
        .distinct()
    }
    if place.designations.filter(code=CLUSTER_CENTRE).exists():
        items.update({item.pk: item for item in cluster_items()})
    if is_community_centre(place):
        items.update({item.pk: item for item in community_items()})
    # The listed providers attached to the centre (a hospital, a supermarket, P001-30) serve there too.
    attached = (
        ServiceItem.objects.filter(
            listings__centre=place, listings__state=ListingState.LISTED, category__is_active=True
        )
        .select_related("category")
        .distinct()
    )
    items.update({item.pk: item for item in attached})
    return sorted(items.values(), key=lambda i: i.category.path)


@dataclass
class ClusterRow:
    cluster: Area
    centres: list
    villages: list
    subsidy: Decimal


def clusters_overview(area: Area, places=None) -> dict:
    """The clusters at or under ``area``: each with its centres (片区党群服务中心, any state), villages and
    the centres' subsidy; those without a centre; subsidy totals. ``places`` as the caller scoped them."""
    places = places if places is not None else Place.objects.all()
    if area.level == Level.CLUSTER:
        clusters = [area]
    else:
        clusters = list(Area.objects.filter(under("path", area.path), level=Level.CLUSTER).order_by("path"))
    centres = list(
        places.filter(designations__code=CLUSTER_CENTRE, area__level=Level.CLUSTER)
        .filter(under("area_path", area.path) | Q(area_path__in=[c.path for c in clusters]))
        .select_related("area")
        .prefetch_related("hours")
        .distinct()
        .order_by("name")
    )
    rows = []
    for cluster in clusters:
        own = [c for c in centres if c.area_id == cluster.pk]
        villages = list(Area.objects.filter(parent_path_q(cluster), level=Level.VILLAGE).order_by("path"))
        rows.append(
            ClusterRow(cluster, own, villages, sum((c.subsidy or Decimal(0) for c in own), Decimal(0)))
        )
    return {
        "rows": rows,
        "with_centre": [r for r in rows if r.centres],
        "without_centre": [r for r in rows if not r.centres],
        "subsidy_total": sum((r.subsidy for r in rows), Decimal(0)),
        "items": list(cluster_items()),
    }


def parent_path_q(area: Area) -> Q:
    return under("path", area.path) & ~Q(pk=area.pk)


# -- formats of the complexes (P000-44) -----------------------------------------------------------------


def formats_matrix(places) -> dict:
    """The complexes among ``places`` (designated 嵌入式服务综合体), each with a cell per format: the row
    (provider) when it has that format, None otherwise; and how many complexes have each format."""
    complexes = list(
        places.filter(designations__code=COMPLEX_DESIGNATION)
        .select_related("area")
        .distinct()
        .order_by("name")
    )
    rows = PlaceFormat.objects.filter(place__in=complexes).select_related("provider")
    by_place: dict[int, dict[str, PlaceFormat]] = {}
    for row in rows:
        by_place.setdefault(row.place_id, {})[row.format] = row
    lines = [
        {"place": place, "cells": [by_place.get(place.pk, {}).get(code) for code in FormatKind.values]}
        for place in complexes
    ]
    totals = [sum(1 for line in lines if line["cells"][i] is not None) for i in range(len(FormatKind.values))]
    return {"formats": FormatKind.choices, "lines": lines, "totals": totals}


# -- rules (P002-42) ------------------------------------------------------------------------------------


def rules_in_force(place: Place, on=None):
    """The rules and documents in force at ``place`` on ``on`` (today)."""
    on = on or timezone.localdate()
    return (
        PlaceRule.objects.filter(place=place, in_force_from__lte=on)
        .filter(Q(in_force_to__isnull=True) | Q(in_force_to__gte=on))
        .order_by("kind", "title")
    )


def rules_history(place: Place):
    """Every rule the place has had, replaced and repealed ones with their periods."""
    return (
        PlaceRule.objects.filter(place=place)
        .select_related("replaced_by")
        .order_by("kind", "title", "-in_force_from", "-id")
    )


# -- what a resident's cluster offers (P000-24, P002-25) ------------------------------------------------


def resident_circle(home: Area | None) -> dict:
    """For a resident living at ``home``: his cluster (when his village is in one), its centres with their
    items and hours, and the open service places of every village of the cluster (their best resources
    shared across villages); without a cluster, his community's or village's open places."""
    if home is None:
        return {"cluster": None, "centres": [], "places": [], "items": []}
    above = list(Area.objects.filter(path__in=ancestor_paths(home.path)).order_by("depth"))
    cluster = next((a for a in above if a.level == Level.CLUSTER), None)
    base = next(
        (a for a in reversed(above) if a.level in (Level.COMMUNITY, Level.VILLAGE, Level.CLUSTER)), None
    )
    scope_area = cluster or base
    if scope_area is None:
        return {"cluster": None, "centres": [], "places": [], "items": []}
    open_places = (
        Place.objects.filter(status=PlaceStatus.OPEN)
        .filter(under("area_path", scope_area.path))
        .select_related("area")
        .prefetch_related("designations", "windows__items__category")
        .distinct()
        .order_by("area_path", "name")
    )
    centres, places = [], []
    for place in open_places:
        codes = _codes(place)
        if codes & set(CENTRE_DESIGNATIONS) and place.area.level in CENTRE_LEVELS:
            place.items = place_items(place)
            centres.append(place)
        else:
            places.append(place)
    items = {}
    for centre in centres:
        for item in centre.items:
            items[item.pk] = item
    return {
        "cluster": cluster,
        "area": scope_area,
        "centres": centres,
        "places": places,
        "items": sorted(items.values(), key=lambda i: i.category.path),
    }
