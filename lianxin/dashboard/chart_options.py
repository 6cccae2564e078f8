"""The ECharts options of the dashboard and the big screen, built here rather than in the page's script so
that the layout rules are written once and tested: legends above the plot, never over an axis; axis labels
inside the chart (``containLabel``) and wrapped, never cut to "…"; names, not codes, as labels; a bar
chart as tall as its rows need. ``dashboard.js`` only draws what it is given (and follows a click on the
heat view).

Each chart is ``{"option": …, "height": px or None}``; a height is a hint for the dashboard's cards (the
big screen's panels have a fixed size). Formatters are ECharts' string templates, so the options are
plain JSON (``json_script``) with no code in them.
"""

from django.utils.translation import gettext as _

PALETTE = ["#c8102e", "#2f6fba", "#f0a020", "#3a9d5d", "#7e57c2", "#00897b", "#8d6e63", "#607d8b"]
# "strip": the band above a heat-view group, which carries the group's name in white.
LIGHT = {"text": "#1f2329", "line": "#e1e4e8", "strip": "#4a5361"}
DARK = {"text": "#d7e3f4", "line": "#1f3b6e", "strip": "#1f3b6e"}

LEGEND_HEIGHT = 28  # one row of legend at 12 px, with its padding
ROW_HEIGHT = 28  # per bar of a horizontal bar chart, so that every name is written
MIN_HEIGHT = 240
LABEL_WIDTH = 150  # an axis name longer than this wraps onto a second line
LEAF_LABEL_SHARE = 0.03  # heat-view cells under this share of the whole name themselves in the tooltip


def _base(theme) -> dict:
    return {
        "color": PALETTE,
        "textStyle": {"color": theme["text"]},
        "backgroundColor": "transparent",
        "animation": theme is LIGHT,
    }


def _axis_label(theme, **extra) -> dict:
    return {"color": theme["text"], "hideOverlap": True, **extra}


def _category_label(theme) -> dict:
    """Names on a category axis: every one written (``interval`` 0), wrapped when long, never cut."""
    return {"color": theme["text"], "interval": 0, "width": LABEL_WIDTH, "overflow": "break"}


def _split_line(theme) -> dict:
    return {"lineStyle": {"color": theme["line"]}}


def _rows_height(n: int) -> int:
    return max(MIN_HEIGHT, ROW_HEIGHT * n + 40)


def trend_option(d: dict, theme=LIGHT) -> dict:
    names = [_("reported"), _("closed"), _("resolution rate"), _("satisfaction rate")]
    return {
        **_base(theme),
        "tooltip": {"trigger": "axis"},
        # The legend sits above the plot, the grid starts below it: ECharts 6 puts a legend at the bottom
        # by default, over the dates of the x axis.
        "legend": {"top": 0, "left": "center", "data": names, "textStyle": {"color": theme["text"]}},
        "grid": {"top": LEGEND_HEIGHT + 12, "left": 8, "right": 8, "bottom": 4, "containLabel": True},
        "xAxis": {"type": "category", "data": d["labels"], "axisLabel": _axis_label(theme)},
        "yAxis": [
            {
                "type": "value",
                "minInterval": 1,
                "axisLabel": _axis_label(theme),
                "splitLine": _split_line(theme),
            },
            {
                "type": "value",
                "min": 0,
                "max": 100,
                "axisLabel": _axis_label(theme, formatter="{value}%"),
                "splitLine": {"show": False},
            },
        ],
        "series": [
            {"name": names[0], "type": "bar", "data": d["reported"]},
            {"name": names[1], "type": "bar", "data": d["closed"]},
            {
                "name": names[2],
                "type": "line",
                "yAxisIndex": 1,
                "data": d["resolution"],
                "connectNulls": True,
                "showSymbol": False,
            },
            {
                "name": names[3],
                "type": "line",
                "yAxisIndex": 1,
                "data": d["satisfaction"],
                "connectNulls": True,
                "showSymbol": False,
            },
        ],
    }


def _horizontal_bars(labels, values, theme, *, unit: str = "", max_value=None) -> dict:
    x_axis = {
        "type": "value",
        "minInterval": 1,
        "axisLabel": _axis_label(theme, formatter="{value}" + unit),
        "splitLine": _split_line(theme),
    }
    if max_value is not None:
        x_axis["max"] = max_value
    return {
        **_base(theme),
        "tooltip": {"trigger": "axis", "axisPointer": {"type": "shadow"}},
        "grid": {"top": 8, "left": 8, "right": 56, "bottom": 4, "containLabel": True},
        "xAxis": x_axis,
        "yAxis": {"type": "category", "inverse": True, "data": labels, "axisLabel": _category_label(theme)},
        "series": [
            {
                "type": "bar",
                "data": values,
                "barMaxWidth": 22,
                "label": {
                    "show": True,
                    "position": "right",
                    "color": theme["text"],
                    "formatter": "{c}" + unit,
                },
            }
        ],
    }


def categories_option(d: list[dict], theme=LIGHT) -> dict:
    """Reported cases by category as bars with the whole name beside each (a pie's outside labels are cut
    to "…" as soon as twelve categories share a 300 px card)."""
    return _horizontal_bars([c["name"] for c in d], [c["value"] for c in d], theme)


def ranking_option(d: dict, theme=LIGHT) -> dict:
    return _horizontal_bars(
        d["labels"], d["values"], theme, unit=d["unit"], max_value=100 if d["unit"] == "%" else None
    )


def _treemap_nodes(nodes: list[dict], total: int) -> list[dict]:
    """A cell writes its name only when it is big enough to hold it; the tooltip names every cell."""
    out = []
    for node in nodes:
        item = {"name": node["name"], "value": node["value"], "id": node["id"]}
        if node.get("children"):
            item["children"] = _treemap_nodes(node["children"], total)
        elif total and node["value"] / total < LEAF_LABEL_SHARE:
            item["label"] = {"show": False}
        out.append(item)
    return out


def treemap_option(d: list[dict], theme=LIGHT) -> dict:
    total = sum(node["value"] for node in d)
    return {
        **_base(theme),
        "tooltip": {"formatter": "{b}: {c}"},
        "series": [
            {
                "type": "treemap",
                "data": _treemap_nodes(d, total),
                "roam": False,
                "nodeClick": False,
                "breadcrumb": {"show": False},
                "top": 0,
                "left": 0,
                "right": 0,
                "bottom": 0,
                # An area with areas under it carries its name in a strip above them (ECharts paints the
                # strip in the group's border colour); a small cell wraps its name rather than cut it.
                "upperLabel": {"show": True, "height": 20, "color": "#ffffff"},
                "label": {"overflow": "break"},
                "levels": [
                    # The whole (the area itself) has no strip: its name is the page's title.
                    {
                        "itemStyle": {"borderWidth": 0, "gapWidth": 3, "borderColor": "transparent"},
                        "upperLabel": {"show": False},
                    },
                    {"itemStyle": {"borderColor": theme["strip"], "borderWidth": 2, "gapWidth": 1}},
                    {"colorSaturation": [0.35, 0.6], "itemStyle": {"gapWidth": 1}},
                ],
            }
        ],
    }


def gauges_option(d: list[dict], theme=DARK) -> dict:
    series = []
    for i, gauge in enumerate(d[:6]):
        series.append(
            {
                "type": "gauge",
                "radius": "38%",
                "center": [f"{(i % 3) * 33 + 17}%", f"{28 if i < 3 else 75}%"],
                "min": 0,
                "max": 100,
                "progress": {"show": True},
                "detail": {"formatter": "{value}%", "fontSize": 14, "color": theme["text"]},
                "title": {"color": theme["text"], "fontSize": 12, "offsetCenter": [0, "80%"]},
                "axisLabel": {"show": False},
                "splitLine": {"show": False},
                "data": [{"value": 0 if gauge["value"] is None else gauge["value"], "name": gauge["name"]}],
            }
        )
    return {**_base(theme), "series": series}


def chart_options(charts: dict, *, dark: bool = False) -> dict:
    """Every chart of the dashboard (light) or the big screen (dark) from the data ``dashboard_data``
    computes."""
    theme = DARK if dark else LIGHT
    return {
        "trend": {"option": trend_option(charts["trend"], theme), "height": None},
        "categories": {
            "option": categories_option(charts["categories"], theme),
            "height": _rows_height(len(charts["categories"])),
        },
        "ranking": {
            "option": ranking_option(charts["ranking"], theme),
            "height": _rows_height(len(charts["ranking"]["labels"])),
        },
        "treemap": {"option": treemap_option(charts["treemap"], theme), "height": None},
        "gauges": {"option": gauges_option(charts["gauges"], theme), "height": None},
    }
