"""Pages for importing (template, upload, preview, confirm) and the export downloads. Thin: each parses
the request, calls one service or selector and renders."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lianxin.areas.models import Area
from lianxin.audit.models import Action
from lianxin.audit.services import audit_record
from lianxin.core.errors_domain import DomainError
from lianxin.core.excel import xlsx_response
from lianxin.core.scope import VIEW, get_for_user
from lianxin.imports.exports import EXPORTS, export_workbook
from lianxin.imports.forms import UploadForm
from lianxin.imports.models import ImportKind
from lianxin.imports.registry import import_kind_choices
from lianxin.imports.selectors import (
    batch_get,
    batch_list,
    export_area_choices,
    user_may_export,
    user_may_import,
)
from lianxin.imports.services import batch_confirm, batch_preview
from lianxin.imports.specs import SPECS
from lianxin.imports.workbook import template_workbook


def _index(request, form, *, status=200):
    may_export = user_may_export(user=request.user)
    context = {
        "form": form,
        "may_import": user_may_import(user=request.user),
        "may_export": may_export,
        "kinds": import_kind_choices(),
        "exports": EXPORTS.values(),
        "export_areas": export_area_choices(user=request.user) if may_export else [],
        "batches": batch_list(user=request.user),
    }
    return render(request, "imports/index.html", context, status=status)


@login_required
@require_GET
def index(request):
    return _index(request, UploadForm(initial={"kind": request.GET.get("kind", ImportKind.PERSONS)}))


@login_required
@require_GET
def template(request, kind):
    if kind not in SPECS:
        raise Http404
    spec = SPECS[kind]
    filename = _("%(kind)s import template") % {"kind": spec.label}
    return xlsx_response(template_workbook(spec), f"{filename}.xlsx")


@login_required
@require_POST
def upload(request):
    if not user_may_import(user=request.user):
        raise PermissionDenied
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _index(request, form, status=400)
    try:
        batch = batch_preview(
            actor=request.user, kind=form.cleaned_data["kind"], upload=form.cleaned_data["file"]
        )
    except DomainError as exc:
        form.add_error("file" if exc.field == "file" else None, exc.message)
        return _index(request, form, status=400)
    return redirect("imports_batch", pk=batch.pk)


@login_required
@require_GET
def batch(request, pk):
    batch = batch_get(user=request.user, pk=pk)
    spec = SPECS[batch.kind]
    return render(request, "imports/batch.html", {"batch": batch, "spec": spec})


@login_required
@require_POST
def confirm(request, pk):
    batch = batch_get(user=request.user, pk=pk)
    try:
        batch = batch_confirm(actor=request.user, batch=batch)
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("imports_batch", pk=batch.pk)


@login_required
@require_GET
def export(request, kind):
    if kind not in EXPORTS:
        raise Http404
    if not user_may_export(user=request.user):
        raise PermissionDenied
    area = None
    if request.GET.get("area"):
        area = get_for_user(Area, request.user, request.GET["area"], VIEW)
    workbook, filename = export_workbook(kind=kind, user=request.user, area=area)
    audit_record(
        action=Action.EXPORT,
        object_type="imports.export",
        object_repr=kind,
        detail={"export": kind, "area": area.pk if area else None},
    )
    return xlsx_response(workbook, filename)
