"""Excel download of an area's post list: the rows and the count of the page (same selector, same filter)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from lianxin.areas.selectors import posts_people
from lianxin.core.excel import ExcelColumn, list_workbook, xlsx_response
from lianxin.people.roles import Role


def posts_xlsx(*, area, role: str, posts):
    columns = [
        ExcelColumn(_("role"), lambda p: p.get_role_display(), 14),
        ExcelColumn(_("held by"), lambda p: p.person.name, 12),
        ExcelColumn(_("over"), lambda p: p.scope_label, 24),
        ExcelColumn(_("since"), lambda p: p.start_date, 12),
        ExcelColumn(_("full time"), lambda p: p.is_full_time, 8),
        ExcelColumn(_("sent down"), lambda p: p.is_sent_down, 8),
        ExcelColumn(_("drawn from"), lambda p: p.get_source_display(), 14),
    ]
    notes = [
        (_("area"), area.name),
        (_("role"), Role(role).label if role else _("All roles")),
        (_("posts"), str(posts.count())),
        (_("people"), str(posts_people(posts))),
        (_("exported at"), f"{timezone.localtime():%Y-%m-%d %H:%M}"),
    ]
    title = _("Posts under %(name)s") % {"name": area.name}
    rows = posts.iterator(chunk_size=2000)
    workbook = list_workbook(title=title, columns=columns, objects=rows, notes=notes)
    return xlsx_response(workbook, f"{title}.xlsx")


def member_households_xlsx(*, user, area, rows):
    """The member households of the page, one per row; the page's three counts on the notes sheet."""
    from lianxin.party.households import member_household_counts

    counts = member_household_counts(user=user, area=area)
    columns = [
        ExcelColumn(_("household"), lambda r: r.household.address, 36),
        ExcelColumn(_("member"), lambda r: r.member.name, 12),
        ExcelColumn(_("party group"), lambda r: r.group.name, 24),
        ExcelColumn(_("households served"), lambda r: r.served_count, 10),
        ExcelColumn(_("selected on"), lambda r: r.selected_on, 12),
    ]
    notes = [
        (_("area"), area.name),
        (_("member households"), str(counts["count"])),
        (_("households covered"), str(counts["households_covered"])),
        (_("households served by no member household"), str(counts["households_without"])),
        (_("exported at"), f"{timezone.localtime():%Y-%m-%d %H:%M}"),
    ]
    title = _("Member households of %(area)s") % {"area": area.name}
    workbook = list_workbook(title=title, columns=columns, objects=rows, notes=notes)
    return xlsx_response(workbook, f"{title}.xlsx")
