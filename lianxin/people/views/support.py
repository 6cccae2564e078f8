"""Landless residents (失地居民) and the support given them (P001-17): the list, and recording a support."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.dateparse import parse_date
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_POST

from lianxin.areas.models import Area
from lianxin.areas.selectors import user_serves_residents
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import CHANGE, get_for_user
from lianxin.people.models import Person
from lianxin.people.models.support import Support, SupportKind
from lianxin.people.support import landless_counts, landless_persons, support_record


@login_required
@require_GET
def landless_list(request):
    area = get_for_user(Area, request.user, request.GET["area"]) if request.GET.get("area") else None
    unsupported = request.GET.get("unsupported") == "1"
    persons = landless_persons(user=request.user, area=area, unsupported_only=unsupported)
    if request.GET.get("format") == "xlsx":
        return _landless_xlsx(user=request.user, area=area, persons=persons, unsupported=unsupported)
    page = Paginator(persons, 50).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    supports = {}
    for support in Support.objects.restrict(request.user).filter(person__in=page.object_list):
        supports.setdefault(support.person_id, []).append(support)
    for person in page.object_list:
        person.support_list = supports.get(person.pk, [])
    keep = {
        k: v for k, v in (("area", area.pk if area else ""), ("unsupported", "1" if unsupported else "")) if v
    }
    return render(
        request,
        "people/landless.html",
        {
            "area": area,
            "page": page,
            "unsupported": unsupported,
            "kinds": SupportKind.choices,
            "query": urlencode(keep),
            "counts": landless_counts(user=request.user, area=area, unsupported_only=unsupported),
            "export_query": urlencode({**keep, "format": "xlsx"}),
        },
    )


def _landless_xlsx(*, user, area, persons, unsupported):
    """The list as a workbook: one row per person with the support given, the counts on the notes sheet."""
    from django.utils import timezone

    from lianxin.core.excel import ExcelColumn, list_workbook, xlsx_response

    persons = list(persons.select_related("area"))
    given: dict[int, list] = {}
    for s in Support.objects.restrict(user).filter(person__in=persons).order_by("given_on", "id"):
        given.setdefault(s.person_id, []).append(s)
    columns = [
        ExcelColumn(pgettext("person", "name"), lambda p: p.name, 12),
        ExcelColumn(_("area"), lambda p: p.area.name if p.area else "", 20),
        ExcelColumn(
            _("support given"),
            lambda p: "；".join(
                f"{s.get_kind_display()} {s.given_on:%Y-%m-%d} {s.note}".strip() for s in given.get(p.pk, [])
            ),
            50,
        ),
    ]
    counts = landless_counts(user=user, area=area, unsupported_only=unsupported)
    notes = [
        (_("area"), area.name if area else _("all the areas you may see")),
        (_("landless residents"), str(counts["count"])),
        (_("with no support yet"), str(counts["unsupported"])),
        (_("exported at"), f"{timezone.localtime():%Y-%m-%d %H:%M}"),
    ]
    title = str(_("Landless residents"))
    return xlsx_response(
        list_workbook(title=title, columns=columns, objects=persons, notes=notes), f"{title}.xlsx"
    )


@login_required
@require_POST
def support_create(request, pk: int):
    person = get_for_user(Person, request.user, pk, CHANGE)
    if not user_serves_residents(request.user):
        # A resident may change his own record, not record the support he was given.
        raise PermissionDenied
    raw_date = request.POST.get("given_on", "")
    try:
        given_on = parse_date(raw_date) if raw_date else None
    except ValueError:
        given_on = None
    try:
        if raw_date and given_on is None:
            raise DomainError(_("Enter a date like 2026-06-26."), field="given_on")
        support_record(
            actor=request.user,
            person=person,
            kind=request.POST.get("kind", ""),
            given_on=given_on,
            note=request.POST.get("note", ""),
        )
    except DomainError as error:
        message = error.message
        return render(
            request, "people/support_error.html", {"person": person, "message": message}, status=400
        )
    messages.success(request, _("The support is recorded."))
    return redirect("people:landless")
