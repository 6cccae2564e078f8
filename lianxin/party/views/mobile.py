"""The mobile members list for the county's mobile-member liaison centre (P002-13): members marked mobile,
their place of work and masked mobile number, their home branch. Scoped like every list; the page, its Excel
export and ``GET /api/v1/memberships/mobile`` read the same selector, so they give the same count."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lianxin.areas.models import Area
from lianxin.core.excel import ExcelColumn, list_workbook, xlsx_response
from lianxin.core.scope import get_for_user
from lianxin.party.selectors.orgs import mobile_members

__all__ = ["mobile_member_list", "mobile_members"]


@login_required
@require_GET
def mobile_member_list(request):
    root = get_for_user(Area, request.user, request.GET["area"]) if request.GET.get("area") else None
    members = mobile_members(user=request.user, root=root)
    if request.GET.get("format") == "xlsx":
        return _xlsx(members, root)
    page = Paginator(members, 50).get_page(request.GET.get("page"))
    return render(request, "party/mobile_members.html", {"root": root, "page": page})


def _xlsx(members, root):
    columns = [
        ExcelColumn(_("Name"), lambda m: m.person.name, 12),
        ExcelColumn(_("Place of work"), lambda m: m.work_place, 24),
        ExcelColumn(_("Mobile number"), lambda m: m.person.mobile_masked, 16),
        ExcelColumn(_("Party organisation"), lambda m: m.org.name, 28),
        ExcelColumn(_("organisational relation"), lambda m: m.is_home, 10),
    ]
    area = root.name if root else _("all areas you may see")
    title = _("Mobile party members, %(area)s") % {"area": area}
    notes = [
        (_("area"), area),
        (_("Mobile party members"), str(members.count())),
        (_("computed at"), f"{timezone.localtime():%Y-%m-%d %H:%M}"),
    ]
    workbook = list_workbook(title=title, columns=columns, objects=members.iterator(), notes=notes)
    return xlsx_response(workbook, f"{title}.xlsx")
