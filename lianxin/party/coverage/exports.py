"""The coverage report and the organisation and staffing figures outside their pages: one payload for the
API and one workbook for Excel, built from the very functions the pages render, so the page, the API and
the export show the same numbers (issue 19: a list with no API or no export is only partly done)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.areas.models import Area, Place
from lianxin.core.excel import ExcelColumn, list_workbook, xlsx_response
from lianxin.party.coverage.report import coverage_figures, coverage_report
from lianxin.party.models import PartyOrg
from lianxin.people.models import Organisation, Person


def _target_kind(target) -> str:
    for cls, kind in (
        (Area, "area"),
        (PartyOrg, "party_org"),
        (Organisation, "organisation"),
        (Place, "place"),
        (Person, "person"),
    ):
        if isinstance(target, cls):
            return kind
    return "text"


def _line_out(line) -> dict:
    target = line.target
    return {
        "name": str(target),
        "kind": _target_kind(target),
        "id": getattr(target, "pk", None),
        "code": getattr(target, "code", "") or "",
        "where": str(line.where),
        "detail": str(line.detail),
        "url": line.url,
    }


def coverage_payload(*, user, root: Area | None = None) -> dict:
    """The coverage figures and every rule with its count and its lines, as the coverage page shows them."""
    figures = coverage_figures(user=user, root=root)
    sections = coverage_report(user=user, root=root)
    return {
        "area_id": root.pk if root else None,
        "estates": figures.estates,
        "estate_branches": figures.estate_branches,
        "estates_with_branch": figures.estates_with_branch,
        "estate_coverage_rate": figures.estate_coverage_rate,
        "members_in_estate_branches": figures.members_in_estate_branches,
        "gaps": sum(len(s.lines) for s in sections),
        "sections": [
            {
                "key": s.key,
                "title": str(s.title),
                "rule": str(s.rule),
                "count": len(s.lines),
                "lines": [_line_out(line) for line in s.lines],
            }
            for s in sections
        ],
    }


def _scope_name(user, root) -> str:
    return root.name if root is not None else _("all the areas you may see")


def coverage_xlsx(*, user, root: Area | None = None):
    """One row per gap (rule, where, what is missing); the figures and each rule's count on the notes."""
    payload = coverage_payload(user=user, root=root)
    rows = [(section, line) for section in payload["sections"] for line in section["lines"]]
    columns = [
        ExcelColumn(_("rule"), lambda r: r[0]["title"], 30),
        ExcelColumn(_("located in"), lambda r: r[1]["where"], 20),
        ExcelColumn(_("where"), lambda r: r[1]["name"], 24),
        ExcelColumn(_("code"), lambda r: r[1]["code"], 22),
        ExcelColumn(_("what is missing"), lambda r: r[1]["detail"], 36),
    ]
    rate = payload["estate_coverage_rate"]
    notes = [
        (_("area"), _scope_name(user, root)),
        (_("Estates"), str(payload["estates"])),
        (_("Estate party branches"), str(payload["estate_branches"])),
        (
            _("Estates covered by a branch"),
            f"{rate}%（{payload['estates_with_branch']}/{payload['estates']}）" if rate is not None else "—",
        ),
        (_("Members in estate branches"), str(payload["members_in_estate_branches"])),
        *[(s["title"], str(s["count"])) for s in payload["sections"]],
        (_("exported at"), f"{timezone.localtime():%Y-%m-%d %H:%M}"),
    ]
    title = _("Organisation coverage of %(area)s") % {"area": _scope_name(user, root)}
    workbook = list_workbook(title=title, columns=columns, objects=rows, notes=notes)
    return xlsx_response(workbook, f"{title}.xlsx")


def _number_or_text(value):
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return str(value)


def figures_xlsx(*, user, root: Area | None = None, since=None, until=None):
    """Every table of the figures page, one row per line: table, item, value and note as on the page."""
    from lianxin.party.figures.organisation import territory_figures

    tables = territory_figures(user=user, root=root, since=since, until=until)
    rows = [(title, row) for title, table in tables for row in table]
    columns = [
        ExcelColumn(_("table"), lambda r: str(r[0]), 30),
        ExcelColumn(_("item"), lambda r: str(r[1].label), 30),
        ExcelColumn(_("value"), lambda r: _number_or_text(r[1].value), 14),
        ExcelColumn(_("note"), lambda r: str(r[1].note), 60),
    ]
    notes = [
        (_("area"), _scope_name(user, root)),
        (_("exported at"), f"{timezone.localtime():%Y-%m-%d %H:%M}"),
    ]
    title = _("Organisation and staffing figures of %(area)s") % {"area": _scope_name(user, root)}
    workbook = list_workbook(title=title, columns=columns, objects=rows, notes=notes)
    return xlsx_response(workbook, f"{title}.xlsx")
