"""The practices panel over the API: the figures the source reports quote (practice ids of the figures
issue, explained in docs/architecture.md) for an area and a period, with the numbers the panel and its
Excel export show and the case list behind each."""

from datetime import date
from typing import Literal

from django.utils import timezone
from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router, Schema

from lianxin.cases.figures import PERIOD_KINDS
from lianxin.core.api_types import ObjectId

router = Router(tags=[gettext_lazy("Figures")])


class PracticesQuery(Schema):
    area: ObjectId | None = Field(
        None,
        description=gettext_lazy(
            "The area (and everything under it); your first dashboard area if not given."
        ),
    )
    period: Literal[tuple(PERIOD_KINDS)] = Field(
        "last30", description=gettext_lazy("The period holding day, as for the figures.")
    )
    day: date | None = Field(None, description=gettext_lazy("A day in the period."))
    end: date | None = Field(None, description=gettext_lazy("The last day of a custom period."))


class PracticeRow(Schema):
    label: str
    value: str


class PracticeOut(Schema):
    code: str = Field(description=gettext_lazy("The practice id (source report and row), e.g. P001-38."))
    label: str
    kind: str = Field(description=gettext_lazy("count, rate, points, hours, number or text."))
    value: float | None = Field(
        description=gettext_lazy("The figure; rates and changes as fractions; null when not yet measured.")
    )
    shown: float | None = Field(
        description=gettext_lazy("The number as the panel and its Excel export show it (rates in per cent).")
    )
    target: float | None
    note: str
    rows: list[PracticeRow]
    cases_url: str = Field(
        description=gettext_lazy("The case list behind the number; empty when no case list can hold it.")
    )
    list_url: str = Field(
        "",
        description=gettext_lazy(
            "The list behind the number: the case list, or another list (the visits list for the visits); "
            "empty when none."
        ),
    )


class PracticesOut(Schema):
    area_id: int
    start: date
    end: date
    computed_at: str
    practices: list[PracticeOut]


@router.get(
    "/",
    response=PracticesOut,
    summary=gettext_lazy("Figures from the source reports"),
    description=gettext_lazy(
        "The figures of the dashboard's panel of that name, for an area your posts open and a period: the "
        "same numbers as the panel and its Excel export, each with the case list behind it."
    ),
)
def practice_figures(request, query: Query[PracticesQuery]):
    from lianxin.cases import clock
    from lianxin.dashboard.exports import practice_value
    from lianxin.dashboard.selectors import dashboard_area, period_asked, practices_with_links

    area = dashboard_area(user=request.user, pk=query.area)
    today = timezone.localdate(clock.now())
    period = period_asked(area=area, kind=query.period, day=query.day, end=query.end, today=today)
    practices, computed_at = practices_with_links(area=area, period=period)
    return {
        "area_id": area.pk,
        "start": period.start,
        "end": period.end,
        "computed_at": timezone.localtime(computed_at).isoformat(),
        "practices": [
            {
                "code": p.code,
                "label": str(p.label),
                "kind": p.kind,
                "value": p.value,
                "shown": practice_value(p),
                "target": p.target,
                "note": str(p.note),
                "rows": [{"label": str(label), "value": str(value)} for label, value in p.rows],
                "cases_url": "" if p.list_url else url,
                "list_url": url,
            }
            for p, url in practices
        ],
    }
