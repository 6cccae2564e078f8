"""The charts' layout, asserted on the options the server hands to ECharts: the trend's legend above the
plot (not over the dates), names written whole (wrapped, never cut to "…"), names and never internal codes
as labels, bar charts as tall as their rows, and the custom ECharts build holding every chart type and
component the options use."""

import json
import re
from pathlib import Path

from django.conf import settings

from lianxin.areas.models import Area
from lianxin.cases.models import Category
from lianxin.dashboard.chart_options import LEGEND_HEIGHT, ROW_HEIGHT, chart_options

CODE = re.compile(r"^[A-Z]\d{3}-\d+$|^[a-z_]+$")  # a practice code (P004-34) or a category code


def _options(client, url):
    page = client.get(url)
    assert page.status_code == 200
    return page, json.loads(re.search(r'id="dashboard-charts"[^>]*>(.*?)</script>', page.text, re.S)[1])


def _labels(options) -> list[str]:
    labels = []
    for spec in options.values():
        option = spec["option"]
        axes = option.get("yAxis", [])
        for axis in axes if isinstance(axes, list) else [axes]:
            labels += axis.get("data", [])
        for series in option["series"]:
            labels += [d["name"] for d in series.get("data", []) if isinstance(d, dict) and "name" in d]
    return labels


def test_the_trend_legend_sits_above_the_plot(client_as, five_cases, world):
    _page, options = _options(client_as("county_admin"), "/dashboard/?period=week&day=2026-11-30")
    trend = options["trend"]["option"]

    assert trend["legend"]["top"] == 0 and "bottom" not in trend["legend"]
    assert trend["grid"]["top"] >= LEGEND_HEIGHT
    assert trend["grid"]["containLabel"] is True
    assert trend["yAxis"][1]["axisLabel"]["formatter"] == "{value}%"


def test_names_are_written_whole_and_never_codes(client_as, five_cases, world):
    page, options = _options(client_as("county_admin"), "/dashboard/?period=week&day=2026-11-30")

    categories = options["categories"]["option"]
    names = categories["yAxis"]["data"]
    assert set(names) == {c.name for c, f in page.context["categories"] if f.reported}
    for name in ["categories", "ranking"]:
        option = options[name]["option"]
        label = option["yAxis"]["axisLabel"]
        assert label["overflow"] == "break" and label["interval"] == 0  # every name, wrapped, not "…"
        assert option["grid"]["containLabel"] is True
    assert options["ranking"]["option"]["series"][0]["label"]["formatter"] == "{c}%"
    labels = _labels(options)
    codes = {*Category.objects.values_list("code", flat=True), *Area.objects.values_list("code", flat=True)}
    assert labels and not [label for label in labels if CODE.match(label) or label in codes]


def test_the_big_screen_gets_the_same_charts_in_the_dark(client_as, five_cases, world):
    client = client_as("county_admin")
    _page, options = _options(client, "/dashboard/screen/?period=week&day=2026-11-30")
    data = client.get("/dashboard/data/?period=week&day=2026-11-30").json()

    assert options == data["options"]
    assert options["trend"]["option"]["textStyle"]["color"] == "#d7e3f4"
    assert options["trend"]["option"]["legend"]["top"] == 0


def test_a_bar_chart_is_as_tall_as_its_rows():
    data = {
        "trend": {"labels": [], "reported": [], "closed": [], "resolution": [], "satisfaction": []},
        "categories": [{"name": f"类别{i}", "value": i} for i in range(20)],
        "ranking": {"labels": ["甲", "乙"], "values": [90.0, 80.0], "unit": "%"},
        "treemap": [],
        "gauges": [],
    }
    options = chart_options(data)

    assert options["categories"]["height"] >= 20 * ROW_HEIGHT
    assert options["ranking"]["height"] < options["categories"]["height"]


def test_a_heat_view_cell_too_small_for_its_name_names_itself_in_the_tooltip_only():
    big = {"name": "大社区", "value": 97, "id": 1, "children": []}
    small = {"name": "小社区", "value": 1, "id": 2, "children": []}
    treemap = chart_options(
        {
            "trend": {"labels": [], "reported": [], "closed": [], "resolution": [], "satisfaction": []},
            "categories": [],
            "ranking": {"labels": [], "values": [], "unit": "%"},
            "treemap": [big, small],
            "gauges": [],
        }
    )["treemap"]["option"]

    cells = {c["name"]: c for c in treemap["series"][0]["data"]}
    assert "label" not in cells["大社区"] and cells["小社区"]["label"] == {"show": False}
    assert treemap["tooltip"]["formatter"] == "{b}: {c}"
    assert treemap["series"][0]["label"]["overflow"] == "break"
    assert treemap["series"][0]["levels"][0]["upperLabel"] == {"show": False}  # no blank strip on top


def test_the_echarts_build_holds_every_chart_type_and_component_the_options_use():
    data = {
        "trend": {
            "labels": ["11-30"],
            "reported": [1],
            "closed": [1],
            "resolution": [1],
            "satisfaction": [1],
        },
        "categories": [{"name": "类别", "value": 1}],
        "ranking": {"labels": ["甲"], "values": [90.0], "unit": "%"},
        "treemap": [{"name": "甲", "value": 1, "id": 1, "children": []}],
        "gauges": [{"name": "办结率", "value": 90.0}],
    }
    used_types, used_components = set(), set()
    for dark in (False, True):
        for spec in chart_options(data, dark=dark).values():
            used_types |= {s["type"] for s in spec["option"]["series"]}
            used_components |= {k for k in ("legend", "tooltip", "grid") if k in spec["option"]}
            if "xAxis" in spec["option"]:
                used_components.add("grid")
    entry = (Path(settings.BASE_DIR) / "scripts" / "echarts" / "entry.js").read_text()
    built = set(re.findall(r"\b(\w+)Chart\b", entry)) | set(re.findall(r"\b(\w+)Component\b", entry))

    assert {t.capitalize() for t in used_types} | {c.capitalize() for c in used_components} == built
    bundle = Path(settings.BASE_DIR) / "lianxin/core/static/vendor/echarts/echarts.min.js"
    header = bundle.read_text()[:2000]
    assert "Apache License, Version 2.0" in header and "scripts/build_echarts.sh" in header


def test_the_practices_panel_names_its_figures_not_their_codes(client_as, five_cases, world):
    html = client_as("county_admin").get("/dashboard/panels/practices/?period=week&day=2026-11-30").text

    assert 'data-practice="P' in html  # the code stays with its row, for the documents
    assert re.findall(r">[^<]*\bP\d{3}-\d{2}\b[^<]*<", html) == []  # but no text shows it


def test_the_organisation_panel_folds_its_tables(client_as, world):
    html = client_as("county_admin").get("/dashboard/panels/organisation/").text

    assert html.count("<details") >= 1
    assert "<details open" not in html
