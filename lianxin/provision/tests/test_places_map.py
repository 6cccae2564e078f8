"""The map of the service places (P004-27, P002-40; docs/services.md "服务矩阵地图"): every place of the
chosen area at its position, one colour per format, with its functions; the page's chart data and
``/api/v1/service-matrix/{area_id}/map`` are the same rows, for the county, a street and a community."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings

from lianxin.areas.models import Area, Place, PlaceDesignation, PlaceFunction
from lianxin.core.paths import under
from lianxin.provision.places_map import FORMATS, SERIES_TYPE, map_chart, places_map

pytestmark = pytest.mark.django_db


def _chart(page) -> dict:
    html = page.content.decode()
    found = re.search(r'<script id="matrix-map-data" type="application/json">(.*?)</script>', html, re.S)
    assert found, "the page carries the map's data"
    return json.loads(found.group(1))


def _page_points(chart: dict) -> dict[str, set[str]]:
    return {s["name"]: {d["name"] for d in s["data"]} for s in chart["option"]["series"]}


def test_the_county_map_shows_every_place_by_format_on_page_and_api(world, client_as):
    client = client_as("county_admin")
    county = world.county
    page = client.get(f"/provision/matrix/?area={county.pk}")
    assert page.status_code == 200
    html = page.content.decode()
    assert "vendor/echarts/echarts.min.js" in html and "provision/matrix_map.js" in html
    assert "<circle" not in html  # a chart, not the old drawing
    api = client.get(f"/api/v1/service-matrix/{county.pk}/map").json()
    every = Place.objects.filter(under("area_path", county.path)).count()
    assert api["total"] + len(api["unplaced"]) == every and api["total"] == every  # all located in the world
    chart = _chart(page)
    on_page = _page_points(chart)
    by_format = {
        f["label"]: {p["name"] for p in api["places"] if p["format"] == f["code"]} for f in api["formats"]
    }
    assert on_page == by_format
    assert f'data-testid="map-total">{api["total"]}<' in html
    counts = {f["code"]: f["count"] for f in api["formats"]}
    for code, count in counts.items():
        assert f'data-testid="map-count-{code}">' in html
        assert re.search(rf'data-testid="map-count-{code}">[^<]*：{count}<', html)
    names = {p["name"]: p for p in api["places"]}
    assert names["巨川县党建综合阵地"]["format"] == "hub"
    centre = Place.objects.get(area=world.communities[0], designations__code="service_centre")
    assert names[centre.name]["format"] == "centre"
    station = Place.objects.filter(designations__code="service_station").order_by("id").first()
    assert names[station.name]["format"] == "station"
    assert set(names[station.name]["functions"]) == {"学习交流", "共享互助"}
    assert names[f"{world.communities[1].name}嵌入式服务综合体"]["format"] == "complex"
    assert names["红帆驿站（人民路站）"]["format"] == "other"
    assert {f["code"] for f in api["formats"]} == {code for code, _colour in FORMATS}


def test_the_tooltip_data_names_the_place_and_its_functions(world):
    station = Place.objects.filter(designations__code="service_station").order_by("id").first()
    chart = map_chart(places_map(world.county, Place.objects.all()))
    points = [d for s in chart["option"]["series"] for d in s["data"] if d["name"] == station.name]
    assert len(points) == 1
    assert points[0]["functions"] == "学习交流、共享互助" or set(points[0]["functions"].split("、")) == {
        "学习交流",
        "共享互助",
    }
    assert points[0]["value"] == [float(station.lng), float(station.lat)]
    assert points[0]["url"] == f"/provision/places/{station.pk}/"
    assert chart["option"]["tooltip"]["trigger"] == "item"
    assert chart["labels"]["functions"] == "功能"


def test_a_street_secretary_maps_his_street_and_not_another(world, client_as):
    client = client_as("street_secretary")
    street, other = world.streets[0], world.streets[1]
    page = client.get("/provision/matrix/")
    assert page.status_code == 200
    api = client.get(f"/api/v1/service-matrix/{street.pk}/map").json()
    inside = Place.objects.filter(under("area_path", street.path))
    assert {p["id"] for p in api["places"]} | {p["id"] for p in api["unplaced"]} == set(
        inside.values_list("pk", flat=True)
    )
    hub = Place.objects.get(area=street, designations__code="service_centre")
    [point] = [p for p in api["places"] if p["id"] == hub.pk]
    # The street's centre has no position and the street none either: it stands amid the street's places.
    assert hub.lat is None and point["format"] == "hub" and point["position_from"] == "around"
    assert sum(len(s["data"]) for s in _chart(page)["option"]["series"]) == api["total"]
    assert client.get(f"/api/v1/service-matrix/{other.pk}/map").status_code == 404


def test_a_community_secretary_maps_his_community(world, client_as):
    client = client_as("community_secretary")
    community = world.communities[0]
    page = client.get("/provision/matrix/")
    assert page.status_code == 200
    api = client.get(f"/api/v1/service-matrix/{community.pk}/map").json()
    centre = Place.objects.get(area=community, designations__code="service_centre")
    assert centre.pk in {p["id"] for p in api["places"]}
    assert api["total"] == Place.objects.filter(under("area_path", community.path)).count()
    assert sum(len(s["data"]) for s in _chart(page)["option"]["series"]) == api["total"]
    assert client.get(f"/api/v1/service-matrix/{world.communities[1].pk}/map").status_code == 404


def test_a_place_without_a_position_takes_its_area_s_or_is_listed_apart(world, client_as):
    estate = world.estates[0]
    place = Place.objects.create(name="无坐标的服务站", area=estate, area_path=estate.path)
    place.designations.set(PlaceDesignation.objects.filter(code="service_station"))
    place.functions.set(PlaceFunction.objects.filter(code="mutual_aid"))
    found = places_map(world.county, Place.objects.all())
    [point] = [p for p in found.points if p["id"] == place.pk]
    assert point["position_from"] == "area" and point["lat"] == float(estate.lat)
    Area.objects.filter(pk=estate.pk).update(lat=None, lng=None)
    Place.objects.filter(area_path__startswith=estate.path).exclude(pk=place.pk).delete()
    found = places_map(world.county, Place.objects.all())
    assert place in found.unplaced and place.pk not in {p["id"] for p in found.points}
    page = client_as("county_admin").get(f"/provision/matrix/?area={world.county.pk}").content.decode()
    assert 'data-testid="map-unplaced"' in page and "无坐标的服务站" in page


def test_residents_and_workers_get_no_map(world, client_as):
    client = client_as("resident")
    assert client.get("/provision/matrix/").status_code == 403
    assert client.get(f"/api/v1/service-matrix/{world.county.pk}/map").status_code in (403, 404)


def test_the_map_draws_only_with_chart_types_the_vendored_echarts_build_holds(world):
    banner = (Path(settings.BASE_DIR) / "lianxin/core/static/vendor/echarts/echarts.min.js").read_text()[:400]
    built = re.search(r"charts ([a-z, ]+);", banner).group(1).split(", ")
    chart = map_chart(places_map(world.county, Place.objects.all()))
    assert SERIES_TYPE in built
    assert {s["type"] for s in chart["option"]["series"]} == {SERIES_TYPE}
    # Points only: the line between them is hidden.
    assert all(s["lineStyle"]["opacity"] == 0 and s["showAllSymbol"] for s in chart["option"]["series"])
