"""The staff's list of household visits (P000-31): the visits under an area in a period, each visitor's
count by kind, the counts by kind and the household coverage — the numbers of the dashboard's visits
figures, which open here — and its Excel export with the same numbers (one selector for both)."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.areas.models import Area
from lianxin.cases.models import Visit, VisitKind
from lianxin.cases.selectors import local_day_start, visit_figures
from lianxin.core.excel import ExcelColumn, list_workbook, xlsx_response
from lianxin.core.scope import under


@dataclass
class VisitorRow:
    visitor_id: int
    name: str
    visits: int = 0
    by_kind: dict = field(default_factory=dict)  # kind: count

    def kind_counts(self, kinds) -> list[int]:
        return [self.by_kind.get(kind, 0) for kind in kinds]


@dataclass
class VisitList:
    area: Area
    date_from: date
    date_to: date
    kind: str
    visitor_id: int | None
    visits: object  # the visits listed (the filters above applied)
    count: int
    figures: dict  # visit_figures over the area and period: the dashboard's numbers
    kinds: list  # (kind, label) of the columns
    visitors: list[VisitorRow]


def visits_under(*, user, area: Area, date_from: date, date_to: date):
    """Visits the user may see under the area, made in the period (local days, ends included)."""
    return Visit.objects.restrict(user).filter(
        under("area_path", area.path),
        at__gte=local_day_start(date_from),
        at__lt=local_day_start(date_to + timedelta(days=1)),
    )


def visit_list(
    *, user, area: Area, date_from: date, date_to: date, kind: str = "", visitor_id: int | None = None
) -> VisitList:
    visits = visits_under(user=user, area=area, date_from=date_from, date_to=date_to)
    visits = visits.exclude(kind=VisitKind.CARE)  # care visits have their own page (P003-22)
    figures = visit_figures(user=user, area=area, date_from=date_from, date_to=date_to)
    rows: dict[int, VisitorRow] = {
        r["visitor_id"]: VisitorRow(r["visitor_id"], r["visitor__name"]) for r in figures["by_visitor"]
    }
    for row in visits.values("visitor_id", "kind").annotate(n=Count("id")).order_by():
        visitor = rows.get(row["visitor_id"])
        if visitor is not None:
            visitor.by_kind[row["kind"]] = row["n"]
            visitor.visits += row["n"]
    # The four kinds of the practice always, the liaison's other duties when logged.
    kinds = [(k, label) for k, label in VisitKind.choices if k in _FOUR or figures["by_kind"].get(k)]
    listed = visits
    if kind:
        listed = listed.filter(kind=kind)
    if visitor_id:
        listed = listed.filter(visitor_id=visitor_id)
    listed = listed.select_related("visitor", "household", "area", "case").order_by("-at", "-id")
    return VisitList(
        area=area,
        date_from=date_from,
        date_to=date_to,
        kind=kind,
        visitor_id=visitor_id,
        visits=listed,
        count=listed.count(),
        figures=figures,
        kinds=kinds,
        visitors=list(rows.values()),
    )


_FOUR = (VisitKind.CHAT, VisitKind.CALL_ROUND, VisitKind.MEDIATION, VisitKind.ERRAND)


def visit_list_xlsx(result: VisitList):
    """Each visitor's count by kind, one per row, as on the page; the page's totals on the notes sheet."""
    f = result.figures
    columns = [
        ExcelColumn(_("visitor"), lambda r: r.name, 14),
        ExcelColumn(_("visits"), lambda r: r.visits, 8),
        *[ExcelColumn(str(label), lambda r, k=k: r.by_kind.get(k, 0), 10) for k, label in result.kinds],
    ]
    labels = dict(VisitKind.choices)
    notes = [
        (_("area"), result.area.name),
        (_("period"), f"{result.date_from} – {result.date_to}"),
        (_("visits"), str(f["visits"])),
        *[(str(labels.get(k, k)), str(f["by_kind"].get(k, 0))) for k, _label in result.kinds],
        (_("visitors"), str(f["visitors"])),
        (_("visits per visitor"), f"{f['visits'] / f['visitors']:.1f}" if f["visitors"] else "—"),
        (_("households visited"), f"{f['households_visited']} / {f['households']}"),
        (
            _("household visit coverage"),
            "—" if f["coverage"] is None else f"{f['coverage'] * 100:.1f}%",
        ),
        (_("exported at"), f"{timezone.localtime():%Y-%m-%d %H:%M}"),
    ]
    title = _("Household visits under %(name)s") % {"name": result.area.name}
    workbook = list_workbook(title=title, columns=columns, objects=result.visitors, notes=notes)
    return xlsx_response(workbook, f"{title}.xlsx")
