"""The person's own data (PIPL): see it, download it, ask for a correction; and the staff's list of
correction requests."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from lianxin.audit.models import Action
from lianxin.audit.services import audit_record
from lianxin.core.errors_domain import DomainError
from lianxin.core.excel import xlsx_response
from lianxin.people.models import CorrectionRequest
from lianxin.people.mydata import (
    CORRECTABLE,
    correction_request_create,
    correction_request_handle,
    correction_request_list,
    person_data_export,
    person_data_workbook,
)


def _context(request, **extra):
    return {
        "data": person_data_export(user=request.user),
        "fields": list(CORRECTABLE.items()),
        **extra,
    }


@never_cache
@login_required
@require_GET
def my_data(request):
    from lianxin.people.services.persons import own_numbers_view_record

    own_numbers_view_record(user=request.user, ip=request.META.get("REMOTE_ADDR"))
    return render(request, "people/my_data.html", _context(request))


@never_cache
@login_required
@require_GET
def my_data_download(request):
    """A copy of everything held about the person: an Excel workbook, or JSON with ``?format=json`` for
    programs."""
    as_json = request.GET.get("format") == "json"
    audit_record(
        action=Action.EXPORT,
        obj=request.user,
        detail={"export": "own_data", "format": "json" if as_json else "xlsx"},
    )
    if not as_json:
        filename = _("My data %(date)s.xlsx") % {"date": f"{timezone.localdate():%Y%m%d}"}
        return xlsx_response(person_data_workbook(user=request.user), filename)
    body = json.dumps(
        person_data_export(user=request.user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2
    )
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="my-data-{timezone.localdate():%Y%m%d}.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def my_data_correct(request):
    try:
        correction_request_create(
            actor=request.user,
            field=request.POST.get("field", ""),
            correction=request.POST.get("correction", ""),
        )
    except DomainError as error:
        return render(request, "people/my_data.html", _context(request, error=error), status=400)
    messages.success(
        request, _("Your request has been recorded. The staff responsible for your records will answer it.")
    )
    return redirect("my_data")


@never_cache
@login_required
@require_GET
def correction_list(request):
    corrections = correction_request_list(user=request.user)[:200]
    return render(request, "people/corrections.html", {"corrections": corrections})


@login_required
@require_POST
def correction_handle(request, pk):
    correction = get_object_or_404(correction_request_list(user=request.user), pk=pk)
    try:
        correction_request_handle(
            actor=request.user,
            request=correction,
            done=request.POST.get("done") == "1",
            answer=request.POST.get("answer", ""),
        )
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("people:corrections")


__all__ = ["CorrectionRequest"]
