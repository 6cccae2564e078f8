"""The dashboard's figures over the API (GET /api/v1/figures/): the figures leaders are judged by, for an area
and a period, computed by the same code as the dashboard (``dashboard_area``, ``period_asked``,
``cases.figures``). Served by the dashboard, an adapter over the cases, so that the cases app imports no
adapter (docs/architecture.md, 分层与依赖)."""

from datetime import date
from typing import Literal

from django.core.serializers.json import DjangoJSONEncoder
from django.http import JsonResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router, Schema

from lianxin.cases import clock
from lianxin.cases.api import Ref
from lianxin.cases.figures import FIGURES, PERIOD_KINDS, Figures, figures_for_area, period_caption
from lianxin.cases.models import Channel, Kind
from lianxin.core.api_types import ObjectId
from lianxin.core.db_router import read_from_replica
from lianxin.dashboard.selectors import dashboard_area, period_asked

router = Router(tags=[gettext_lazy("Figures")])


def _answer(payload) -> JsonResponse:
    # Answered as built, like the cases' API; the declared schema documents it and schemathesis checks it.
    return JsonResponse(
        payload, encoder=DjangoJSONEncoder, safe=False, json_dumps_params={"ensure_ascii": False}
    )


class FiguresQuery(Schema):
    area: ObjectId | None = Field(
        None,
        description=gettext_lazy(
            "The area (and everything under it); your first dashboard area if not given."
        ),
    )
    period: Literal[tuple(PERIOD_KINDS)] = Field(
        "last30",
        description=gettext_lazy(
            "The period holding day; last30 is the 30 days ending on day (by default the 30 whole days up "
            "to yesterday, compared with the 30 before); custom runs from day to end; since_pilot from the "
            "pilot's start recorded for the area to yesterday."
        ),
    )
    day: date | None = Field(
        None, description=gettext_lazy("A day in the period; today (yesterday for last30) if not given.")
    )
    end: date | None = Field(None, description=gettext_lazy("The last day of a custom period."))
    kind: Kind | None = Field(None, description=gettext_lazy("One kind; the residents' kinds if not given."))
    category: ObjectId | None = Field(None, description=gettext_lazy("A category and those under it."))
    channel: Channel | None = None
    by: Literal["day", "category", "kind", "child", "channel", "handler_type"] | None = Field(
        None,
        description=gettext_lazy("Split the figures by day, category, kind, child area, channel or handler."),
    )


class PeriodOut(Schema):
    kind: str
    start: date
    end: date
    label: str
    caption: str = Field(description=gettext_lazy("The period and what it is compared with, in words."))


class FigureValues(Schema):
    figures: dict[str, float | None] = Field(
        description=gettext_lazy("Rates as fractions (null with no base) and average hours, by figure key.")
    )
    counts: dict[str, int] = Field(description=gettext_lazy("The counts behind them."))


class FigureSplit(FigureValues):
    key: str


class FiguresOut(FigureValues):
    area: Ref
    period: PeriodOut
    splits: list[FigureSplit] = Field(
        description=gettext_lazy(
            "One row per value of by; empty without by. By child area, one more row keyed by the area's own "
            "path holds the cases placed at the area itself, so the rows add up to the whole."
        )
    )


def _area_itself_split(area, whole, parts) -> dict:
    """The cases placed at the area itself, under none of its children (an Open311 report with only a
    position lands at the county): keyed by the area's own path, so the splits add up to the whole."""
    below = Figures()
    for part in parts.values():
        below = below + part
    return {"key": area.path, **_figure_values(whole - below)}


def _figure_values(result) -> dict:
    return {
        "figures": {f.key: result.value(f.key) for f in FIGURES},
        "counts": {**result.counts, "accepted": result.accepted},
    }


@router.get(
    "/",
    # The operation id it had when the cases app served it: integrators' generated clients keep working.
    operation_id="lianxin_cases_api_figures",
    response=FiguresOut,
    summary=gettext_lazy("Figures for an area and a period"),
    description=gettext_lazy(
        "The figures leaders are judged by (response, resolution, on-time, one-pass, satisfaction, "
        "resolved-in-building and -estate rates, average handling time), for the cases reported in the "
        "period under an area your posts open, computed by the same code as the dashboard."
    ),
)
@read_from_replica
def figures(request, query: Query[FiguresQuery]):
    area = dashboard_area(user=request.user, pk=query.area)
    today = timezone.localdate(clock.now())
    period = period_asked(area=area, kind=query.period, day=query.day, end=query.end, today=today)
    filters = {"kind": query.kind or "", "category": query.category, "channel": query.channel or ""}
    whole = figures_for_area(area=area, period=period, **filters)
    splits = []
    if query.by:
        parts = figures_for_area(area=area, period=period, by=query.by, **filters)
        splits = [{"key": str(key), **_figure_values(part)} for key, part in parts.items()]
        if query.by == "child":
            splits.append(_area_itself_split(area, whole, parts))
    return _answer(
        {
            "area": {"id": area.pk, "name": area.name},
            "period": {
                "kind": period.kind,
                "start": period.start,
                "end": period.end,
                "label": period.label,
                "caption": period_caption(period, today=today),
            },
            **_figure_values(whole),
            "splits": splits,
        }
    )
