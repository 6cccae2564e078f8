"""The map of the service places (P004-27, P002-40, docs/services.md "服务矩阵地图"): every place at or under
an area, by its position, in one colour per format — the hub (1), the community and village centres (N),
the grid and estate stations (X or N), the embedded service complexes and the other places (驿站、基地 …)
— with its functions. The matrix page draws it with ECharts and ``GET /api/v1/service-matrix/{area_id}/map``
answers the same rows, so the page and the API never differ.

A place without a position of its own stands at its area's point (an estate's, a village's, the county
seat), or, when its area has none either (a street, a community), in the middle of the located places under
that area (a street's centre among its communities'), marked as such; one with none of these is counted
apart ("without a position"), never dropped silently.

The chart uses only what the vendored ECharts build holds (scripts/echarts/entry.js: bar, line, treemap,
gauge; grid, legend, tooltip): one line series per format with its line hidden, so only the points show,
on value axes of longitude and latitude."""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _

from lianxin.areas.models import Area, Level, Place
from lianxin.core.paths import under
from lianxin.provision.circles import (
    CENTRE_DESIGNATIONS,
    CENTRE_LEVELS,
    COMPLEX_DESIGNATION,
    HUB_DESIGNATIONS,
    STATION_DESIGNATIONS,
)

HUB_LEVELS = (Level.CITY, Level.COUNTY, Level.STREET, Level.TOWNSHIP)
# (code, colour), in legend order; the labels are the catalogue's (format_labels).
FORMATS = (
    ("hub", "#C8102E"),
    ("centre", "#E67E22"),
    ("station", "#2980B9"),
    ("complex", "#8E44AD"),
    ("other", "#7F8C8D"),
)
# The series type the chart draws with; it must be one of the vendored build's charts (a test reads it).
SERIES_TYPE = "line"
SYMBOL_SIZES = {"hub": 18, "centre": 13, "station": 9, "complex": 11, "other": 8}
MAP_HEIGHT = 460


def format_labels() -> dict[str, str]:
    return {
        "hub": _("Hub (1)"),
        "centre": _("Party-and-people service centre"),
        "station": _("Party-and-people service station"),
        "complex": _("Embedded service complex"),
        "other": _("Other service places"),
    }


def place_format(place: Place) -> str:
    """Which colour of the map a place takes: the matrix's tiers first (as ``circles.service_matrix``
    counts them), then the complexes, then every other place."""
    codes = {d.code for d in place.designations.all()}
    functions = {f.code for f in place.functions.all()}
    level = place.area.level
    if "hub" in functions or (codes & {*CENTRE_DESIGNATIONS, *HUB_DESIGNATIONS} and level in HUB_LEVELS):
        return "hub"
    if codes & set(CENTRE_DESIGNATIONS) and level in CENTRE_LEVELS:
        return "centre"
    if codes & set(STATION_DESIGNATIONS):
        return "station"
    if COMPLEX_DESIGNATION in codes:
        return "complex"
    return "other"


@dataclass
class PlacesMap:
    area: Area
    points: list = field(default_factory=list)  # dicts, as the API answers them
    unplaced: list = field(default_factory=list)  # places with no position, theirs or their area's

    def counts(self) -> dict[str, int]:
        found = {code: 0 for code, _colour in FORMATS}
        for point in self.points:
            found[point["format"]] += 1
        return found

    def legend(self) -> list[dict]:
        labels, counts = format_labels(), self.counts()
        return [
            {"code": code, "label": labels[code], "colour": colour, "count": counts[code]}
            for code, colour in FORMATS
        ]


def places_map(area: Area, places) -> PlacesMap:
    """The places of ``places`` (a queryset the caller has scoped) at or under ``area``, located."""
    found = (
        places.filter(under("area_path", area.path))
        .select_related("area")
        .prefetch_related("designations", "functions")
        .order_by("area_path", "name", "id")
    )
    labels = format_labels()
    result = PlacesMap(area=area)
    waiting = []
    for place in found:
        lat, lng, source = place.lat, place.lng, "place"
        if lat is None or lng is None:
            lat, lng, source = place.area.lat, place.area.lng, "area"
        if lat is None or lng is None:
            waiting.append(place)
            continue
        result.points.append(_point(place, float(lat), float(lng), source, labels))
    # Those left stand in the middle of the located places under their area, if any.
    located = [(p["area_path"], p["lat"], p["lng"]) for p in result.points]
    for place in waiting:
        around = [(lat, lng) for path, lat, lng in located if path.startswith(place.area_path)]
        if not around:
            result.unplaced.append(place)
            continue
        lat = sum(a[0] for a in around) / len(around)
        lng = sum(a[1] for a in around) / len(around)
        result.points.append(_point(place, round(lat, 6), round(lng, 6), "around", labels))
    for point in result.points:
        point.pop("area_path")
    return result


def _point(place: Place, lat: float, lng: float, source: str, labels: dict) -> dict:
    code = place_format(place)
    return {
        "id": place.pk,
        "name": place.name,
        "format": code,
        "format_label": labels[code],
        "lat": lat,
        "lng": lng,
        "position_from": source,
        "area_id": place.area_id,
        "area_name": place.area.name,
        "area_path": place.area_path,
        "status": place.status,
        "status_label": str(place.get_status_display()),
        "functions": [f.name for f in place.functions.all()],
        "designations": [d.name for d in place.designations.all()],
        "url": reverse("provision:place", args=[place.pk]),
    }


def map_chart(found: PlacesMap) -> dict:
    """The ECharts option of the map (the page's json_script; matrix_map.js draws it and adds the tooltip
    text, which names the place, its format and its functions)."""
    series = []
    for entry in found.legend():
        data = [
            {
                "name": p["name"],
                "value": [p["lng"], p["lat"]],
                "url": p["url"],
                "format": p["format_label"],
                "functions": "、".join(p["functions"]),
                "area": p["area_name"],
            }
            for p in found.points
            if p["format"] == entry["code"]
        ]
        series.append(
            {
                "type": SERIES_TYPE,
                "name": entry["label"],
                "data": data,
                "symbol": "circle",
                "symbolSize": SYMBOL_SIZES[entry["code"]],
                "showSymbol": True,
                "showAllSymbol": True,
                "lineStyle": {"width": 0, "opacity": 0},
                "itemStyle": {"color": entry["colour"], "borderColor": "#fff", "borderWidth": 1},
                "emphasis": {"scale": 1.6},
                "z": 10 - [c for c, _colour in FORMATS].index(entry["code"]),
            }
        )
    return {
        "option": {
            "color": [colour for _code, colour in FORMATS],
            "tooltip": {"trigger": "item", "confine": True},
            "legend": {"top": 0, "data": [entry["label"] for entry in found.legend()]},
            "grid": {"left": 64, "right": 24, "top": 48, "bottom": 48},
            "xAxis": {"type": "value", "scale": True, "name": _("Longitude"), "nameLocation": "middle",
                      "nameGap": 28, "splitLine": {"lineStyle": {"type": "dashed"}}},
            "yAxis": {"type": "value", "scale": True, "name": _("Latitude"), "nameLocation": "middle",
                      "nameGap": 48, "splitLine": {"lineStyle": {"type": "dashed"}}},
            "series": series,
        },
        "height": MAP_HEIGHT,
        "labels": {"functions": _("Functions"), "area": _("Area"), "none": _("none")},
    }  # fmt: skip
