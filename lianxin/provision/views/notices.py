"""The window's one-time notification page (一次性告知, P002-44): pick a case, tick the materials the
applicant brought, and the notice names every one still missing; the page counts notices and second
notices over the cases the user reaches."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lianxin.cases.models import Case
from lianxin.core.errors_domain import DomainError
from lianxin.core.pages import error_status
from lianxin.provision import permissions, selectors, services
from lianxin.provision.matching import service_item_of

RECENT = 50


def _case(user, raw):
    """The case named by the form, among those the user sees; None when absent or out of scope."""
    # A case number as people quote it (20261202-0000123) ends with the row id.
    raw = (raw or "").strip().rsplit("-", 1)[-1]
    if not raw.isdigit() or len(raw) > 18:
        return None
    return Case.objects.restrict(user).select_related("category").filter(pk=int(raw)).first()


@login_required
@require_http_methods(["GET", "POST"])
def notices(request):
    user = request.user
    if not permissions.has_post(user):
        raise PermissionDenied
    source = request.POST if request.method == "POST" else request.GET
    case = _case(user, source.get("case"))
    status = 200
    if request.method == "POST":
        try:
            if case is None:
                raise DomainError(_("Enter the number of a case you may see."), field="case")
            notice = services.material_notice_give(
                user, case=case, provided=request.POST.getlist("provided"), note=request.POST.get("note", "")
            )
        except DomainError as error:
            messages.error(request, error.message)
            status = error_status(error)
        else:
            messages.success(
                request,
                _("Notice %(seq)d given: %(missing)s.")
                % {"seq": notice.seq, "missing": "、".join(notice.missing)},
            )
            return redirect(f"{request.path}?case={case.pk}")
    scoped = selectors.notices_for(user)
    if request.method == "GET" and request.GET.get("format") == "xlsx":
        return _notices_xlsx(scoped)
    item = service_item_of(case.category) if case else None
    return render(
        request,
        "provision/notices.html",
        {
            "case": case,
            "item": item,
            "case_notices": scoped.filter(case=case).order_by("seq") if case else [],
            "asked": source.get("case", ""),
            "counts": selectors.notice_counts(scoped),
            "recent": scoped.select_related("case").order_by("-created_at", "-id")[:RECENT],
        },
        status=status,
    )


def _notices_xlsx(scoped):
    """Every notice the user reaches, one per row (case, notice number, first or second, missing materials),
    and the page's three counts on the notes sheet: the same numbers as the page and the API."""
    from django.utils import timezone

    from lianxin.core.excel import ExcelColumn, list_workbook, xlsx_response

    counts = selectors.notice_counts(scoped)
    columns = [
        ExcelColumn(_("Case"), lambda n: n.case.number, 18),
        ExcelColumn(_("Service"), lambda n: n.case.category.name, 14),
        ExcelColumn(_("Notice number"), lambda n: n.seq, 8),
        ExcelColumn(_("Second notice"), lambda n: n.is_second, 8),
        ExcelColumn(_("Missing materials"), lambda n: "、".join(n.missing), 30),
        ExcelColumn(_("Note"), lambda n: n.note, 24),
        ExcelColumn(_("Given at"), lambda n: n.created_at, 16),
    ]
    notes = [
        (_("Notices"), str(counts["notices"])),
        (_("Second notices"), str(counts["second"])),
        (_("Cases noticed"), str(counts["cases"])),
        (_("exported at"), f"{timezone.localtime():%Y-%m-%d %H:%M}"),
    ]
    title = str(_("One-time notification"))
    rows = scoped.select_related("case__category").order_by("-created_at", "-id")
    workbook = list_workbook(title=title, columns=columns, objects=rows, notes=notes)
    return xlsx_response(workbook, f"{title}.xlsx")
