"""Care visits and festival greetings for couriers and other new-employment workers (暖心慰问, P003-22): the
care visits under an area in a period, counted as visits, person-times (each person once per visit) and
distinct persons, with each person's count. One selector for the page, the API and the Excel export."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.areas.models import Area
from lianxin.cases.models import Visit, VisitKind
from lianxin.cases.visit_list import visits_under
from lianxin.core.excel import ExcelColumn, header_style, list_workbook, text_cell, xlsx_response


@dataclass
class CarePersonRow:
    person_id: int
    name: str
    times: int
    last_at: object


@dataclass
class CareVisitList:
    area: Area
    date_from: date
    date_to: date
    visits: object  # the care visits, newest first
    visit_count: int
    person_times: int
    distinct_persons: int
    persons: list[CarePersonRow]


def care_visit_list(*, user, area: Area, date_from: date, date_to: date) -> CareVisitList:
    visits = visits_under(user=user, area=area, date_from=date_from, date_to=date_to).filter(
        kind=VisitKind.CARE
    )
    through = Visit.persons.through.objects.filter(visit__in=visits.values("pk"))
    rows = [
        CarePersonRow(r["person_id"], r["person__name"], r["times"], r["last_at"])
        for r in through.values("person_id", "person__name")
        .annotate(times=Count("id"), last_at=Max("visit__at"))
        .order_by("-times", "person__name", "person_id")
    ]
    return CareVisitList(
        area=area,
        date_from=date_from,
        date_to=date_to,
        visits=visits.select_related("visitor", "organiser", "area")
        .prefetch_related("persons")
        .order_by("-at", "-id"),
        visit_count=visits.count(),
        person_times=sum(r.times for r in rows),
        distinct_persons=len(rows),
        persons=rows,
    )


def care_visit_xlsx(result: CareVisitList):
    """The care visits, one per row (date, organiser, persons, items, recorded by), each person's count on a
    second sheet and the page's three counts on the notes sheet: the same numbers as the page and the API."""
    columns = [
        ExcelColumn(_("at"), lambda v: timezone.localtime(v.at).date(), 12),
        ExcelColumn(_("place"), lambda v: v.area.name if v.area_id else "", 16),
        ExcelColumn(_("organiser"), lambda v: v.organiser.name if v.organiser_id else "", 24),
        ExcelColumn(_("persons visited"), lambda v: "、".join(p.name for p in v.persons.all()), 30),
        ExcelColumn(_("items given"), lambda v: v.items, 30),
        ExcelColumn(_("recorded by"), lambda v: v.visitor.name if v.visitor_id else "", 12),
    ]
    notes = [
        (_("area"), result.area.name),
        (_("period"), f"{result.date_from} – {result.date_to}"),
        (_("visits"), str(result.visit_count)),
        (_("person-times"), str(result.person_times)),
        (_("persons"), str(result.distinct_persons)),
        (_("exported at"), f"{timezone.localtime():%Y-%m-%d %H:%M}"),
    ]
    title = _("Care visits under %(name)s") % {"name": result.area.name}
    workbook = list_workbook(title=title, columns=columns, objects=result.visits, notes=notes)
    sheet = workbook.create_sheet(title=_("persons"))
    head = [text_cell(sheet, label) for label in (_("person"), _("times visited"), _("last visited"))]
    for cell in head:
        header_style(cell)
    sheet.append(head)
    for row in result.persons:
        last = timezone.localtime(row.last_at).date() if row.last_at else ""
        sheet.append([text_cell(sheet, row.name), text_cell(sheet, row.times), text_cell(sheet, last)])
    return xlsx_response(workbook, f"{title}.xlsx")
