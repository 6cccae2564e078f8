"""Excel downloads of a figure table (exactly the rows and columns of the page) and of the cases behind a
count (the case list's filters, scoped like the list)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.cases.selectors import CaseFilters, case_list
from lianxin.core.excel import ExcelColumn, list_workbook, xlsx_response
from lianxin.dashboard.selectors import cell, dashboard_area, safe_date, table_columns

MAX_CASES = 200_000


def figure_table_xlsx(*, area, choice, by, rows, total):
    columns = table_columns()
    excel_columns = [ExcelColumn(_("name"), lambda r: r[0], 20)] + [
        ExcelColumn(c.label + (" (%)" if c.kind == "rate" else ""), lambda r, i=i: r[1][i], 12)
        for i, c in enumerate(columns)
    ]
    objects = [(row.label, [cell(row, c) for c in columns]) for row in rows]
    objects.append((_("total"), [cell(total, c) for c in columns]))
    title = _("Figures of %(area)s, %(period)s") % {"area": area.name, "period": choice.period.label}
    notes = [
        (_("area"), area.name),
        (_("period"), f"{choice.period.start:%Y-%m-%d} — {choice.period.end:%Y-%m-%d}"),
        (_("period in words"), choice.caption),
        (_("cohort"), _("cases reported in the period, under the area; tasks counted apart")),
        (_("exported at"), f"{timezone.localtime():%Y-%m-%d %H:%M}"),
    ]
    workbook = list_workbook(title=title, columns=excel_columns, objects=objects, notes=notes)
    return xlsx_response(workbook, f"{title}.xlsx")


def filters_from(*, user, params) -> tuple[object, CaseFilters]:
    area = dashboard_area(user=user, pk=params.get("area"))
    category = params.get("category")
    filters = CaseFilters(
        area=area,
        state=params.get("state") or "",
        category=int(category) if str(category or "").isdigit() else None,
        kind=params.get("kind") or "",
        channel=params.get("channel") or "",
        overdue=params.get("overdue") in ("1", "true", "on"),
        date_from=safe_date(params.get("date_from")),
        date_to=safe_date(params.get("date_to")),
        figure=params.get("figure") or "",
        area_itself=params.get("area_itself") in ("1", "true", "on"),
        category_exact=params.get("category_exact") in ("1", "true", "on"),
        handler_type=params.get("handler_type") or "",
        reporter_group=params.get("reporter_group") or "",
    )
    return area, filters


def case_columns() -> list[ExcelColumn]:
    def local(value):
        return timezone.localtime(value).replace(tzinfo=None) if value else None

    return [
        ExcelColumn(_("case number"), lambda c: c.number, 18),
        ExcelColumn(_("title"), lambda c: c.title, 30),
        ExcelColumn(_("category"), lambda c: c.category.name, 14),
        ExcelColumn(_("place"), lambda c: c.area.name, 16),
        ExcelColumn(_("reported at"), lambda c: local(c.reported_at), 18),
        ExcelColumn(_("state"), lambda c: c.get_state_display(), 10),
        ExcelColumn(_("handler"), lambda c: c.handler_label, 20),
        ExcelColumn(_("first receiver"), lambda c: c.first_receiver.name if c.first_receiver_id else "", 12),
        ExcelColumn(_("highest handling level"), lambda c: c.get_highest_level_display() or "", 14),
        ExcelColumn(_("responded at"), lambda c: local(c.responded_at), 18),
        ExcelColumn(_("closed at"), lambda c: local(c.closed_at), 18),
        ExcelColumn(_("handled late"), lambda c: c.handled_late, 10),
        ExcelColumn(_("times reopened"), lambda c: c.reopen_count, 10),
        ExcelColumn(_("times returned"), lambda c: c.return_count, 10),
        ExcelColumn(_("rating"), lambda c: c.get_rating_display() or "", 12),
        ExcelColumn(_("rated automatically"), lambda c: c.rating_auto, 10),
    ]


def cases_xlsx(*, user, params):
    area, filters = filters_from(user=user, params=params)
    cases = (
        case_list(user=user, filters=filters)
        .select_related(
            "category",
            "area",
            "handler_person",
            "handler_department",
            "handler_organisation",
            "handler_area",
            "first_receiver",
        )
        .order_by("reported_at", "id")[:MAX_CASES]
    )
    title = _("Cases of %(area)s") % {"area": area.name}
    workbook = list_workbook(title=title, columns=case_columns(), objects=cases.iterator(chunk_size=2000))
    return xlsx_response(workbook, f"{title}.xlsx")


def practice_value(practice):
    """A practice's number as the panel shows it: a share in per cent, hours and points to one decimal."""
    value = practice.value
    if value is None:
        return None
    if practice.kind == "rate":
        return round(value * 100, 1)
    if practice.kind in ("hours", "points"):
        return round(value * (100 if practice.kind == "points" else 1), 1)
    return value


def practices_xlsx(*, area, choice, practices, computed_at):
    """The practices panel as a workbook: one line per figure, with its target, note and breakdowns."""
    units = {"rate": "%", "points": _(" pp"), "hours": _("h")}

    def target(p):
        if p.target is None:
            return None
        return round(p.target * 100, 1) if p.kind == "rate" else p.target

    columns = [
        ExcelColumn(_("figure"), lambda r: str(r[0].label), 36),
        ExcelColumn(_("value"), lambda r: practice_value(r[0]), 12),
        ExcelColumn(_("unit"), lambda r: str(units.get(r[0].kind, "")), 6),
        ExcelColumn(_("target"), lambda r: target(r[0]), 10),
        ExcelColumn(_("note"), lambda r: str(r[0].note), 40),
        ExcelColumn(
            _("breakdown"), lambda r: "；".join(f"{label}：{value}" for label, value in r[0].rows), 50
        ),
    ]
    title = _("Figures from the source reports, %(area)s") % {"area": area.name}
    notes = [
        (_("area"), area.name),
        (_("period"), f"{choice.period.start:%Y-%m-%d} — {choice.period.end:%Y-%m-%d}"),
        (_("computed at"), f"{timezone.localtime(computed_at):%Y-%m-%d %H:%M}"),
    ]
    workbook = list_workbook(title=title, columns=columns, objects=practices, notes=notes)
    return xlsx_response(workbook, f"{title}.xlsx")
