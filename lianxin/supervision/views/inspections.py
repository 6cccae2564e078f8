"""Inspections (四不两直, P004-55; 沉浸式督查调研, P000-65): the issuing side records visits and their
findings, each finding sent to its owner as a 交办单 with a deadline; a finding closes only with a photo."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from lianxin.areas.models import Area
from lianxin.core import pages
from lianxin.core.errors_domain import DomainError
from lianxin.core.excel import ExcelColumn, list_workbook, xlsx_response
from lianxin.core.scope import CHANGE, get_for_user
from lianxin.supervision.models import Finding, Inspection
from lianxin.supervision.selectors import letters as sel
from lianxin.supervision.services import inspections as svc
from lianxin.supervision.views.letters import UnitField, form_run, is_issuer, period_of, require, sees_letters


class InspectionForm(forms.Form):
    group_name = forms.CharField(label=gettext_lazy("Supervision group"), max_length=100)
    area = forms.ModelChoiceField(queryset=None, label=gettext_lazy("Area"))
    held_on = forms.DateField(label=gettext_lazy("Held on"), widget=forms.DateInput(attrs={"type": "date"}))
    place = forms.CharField(label=gettext_lazy("Place"), max_length=200)
    unannounced = forms.BooleanField(
        label=gettext_lazy("Unannounced (四不两直)"), required=False, initial=True
    )
    notes = forms.CharField(
        label=gettext_lazy("Notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = (
            Area.objects.restrict(user).live().filter(depth__lte=4).order_by("path")
        )


class FindingForm(forms.Form):
    description = forms.CharField(label=gettext_lazy("Finding"), max_length=300)
    formalism = forms.BooleanField(label=gettext_lazy("Formalism"), required=False)
    unit = UnitField(label=gettext_lazy("Owner (unit)"))
    working_days = forms.DecimalField(
        label=gettext_lazy("Deadline (working days)"), min_value=0.5, max_value=365, decimal_places=1
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"] = UnitField(label=gettext_lazy("Owner (unit)"), user=user)


class CloseForm(forms.Form):
    photo = forms.ImageField(label=gettext_lazy("Photo of the rectification"), required=False)


INSPECTION_COLUMNS = [
    ExcelColumn(gettext_lazy("Held on"), lambda i: i.held_on, 12),
    ExcelColumn(gettext_lazy("Supervision group"), lambda i: i.group_name, 20),
    ExcelColumn(gettext_lazy("Area"), lambda i: i.area.name, 16),
    ExcelColumn(gettext_lazy("Place"), lambda i: i.place, 24),
    ExcelColumn(gettext_lazy("Unannounced (四不两直)"), lambda i: i.unannounced, 10),
    ExcelColumn(gettext_lazy("Findings"), lambda i: i.n_findings, 8),
    ExcelColumn(gettext_lazy("Closed"), lambda i: i.n_closed, 8),
]


@login_required
@require_http_methods(["GET", "POST"])
def inspection_list(request):
    user = request.user
    require(sees_letters(user))
    period = period_of(request)
    rows = sel.inspections_for(user=user, period=period).select_related("area")
    figures = sel.inspection_figures(rows)
    if request.GET.get("format") == "xlsx":
        workbook = list_workbook(
            title=_("Inspections"),
            columns=[ExcelColumn(str(c.label), c.value, c.width) for c in INSPECTION_COLUMNS],
            objects=rows,
            notes=[(_("Period"), period.label), (_("Inspections"), str(figures["inspections"]))],
        )
        return xlsx_response(workbook, f"{_('Inspections')}.xlsx")
    form = InspectionForm(request.POST or None, user=user) if is_issuer(user) else None
    if request.method == "POST":
        require(form is not None)

    def record(data):
        return svc.inspection_record(
            user,
            area=data["area"],
            group_name=data["group_name"],
            held_on=data["held_on"],
            place=data["place"],
            unannounced=data["unannounced"],
            notes=data["notes"],
        )

    done, status = form_run(
        request,
        form,
        record,
        success=_("The inspection has been recorded."),
        then=lambda i: reverse("supervision:inspection", args=[i.pk]),
    )
    if done:
        return done
    return render(
        request,
        "supervision/letters/inspections.html",
        {"rows": list(rows[:300]), "figures": figures, "period": period, "form": form},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def inspection_detail(request, pk: int):
    user = request.user
    inspection = get_for_user(Inspection, user, pk)
    may_add = is_issuer(user) and Inspection.objects.restrict(user, CHANGE).filter(pk=pk).exists()
    form = FindingForm(request.POST or None, user=user) if may_add else None
    if request.method == "POST":
        require(form is not None)

    def add(data):
        return svc.finding_add(
            user,
            inspection=inspection,
            description=data["description"],
            formalism=data["formalism"],
            unit=data["unit"],
            working_days=data["working_days"],
        )

    done, status = form_run(
        request,
        form,
        add,
        success=_("The finding has been sent as an assignment sheet."),
        then=lambda f: request.path,
    )
    if done:
        return done
    findings = list(sel.findings_for(user=user, inspection_ids=[inspection.pk]))
    return render(
        request,
        "supervision/letters/inspection.html",
        {"inspection": inspection, "findings": findings, "form": form, "close_form": CloseForm()},
        status=status,
    )


@login_required
@require_POST
def finding_close(request, pk: int):
    finding = get_for_user(Finding, request.user, pk)
    form = CloseForm(request.POST, request.FILES)
    photo = request.FILES.get("photo")
    try:
        svc.finding_close(request.user, finding=finding, photo=photo)
    except DomainError as error:
        findings = list(sel.findings_for(user=request.user, inspection_ids=[finding.inspection_id]))
        pages.form_error(form, error)
        inspection = Inspection.objects.restrict(request.user).filter(pk=finding.inspection_id).first()
        return render(
            request,
            "supervision/letters/inspection.html",
            {
                "inspection": inspection or finding.inspection,
                "findings": findings,
                "form": None,
                "close_form": form,
                "error": error.message,
            },
            status=pages.error_status(error),
        )
    messages.success(request, _("The finding has been closed."))
    target = Inspection.objects.restrict(request.user).filter(pk=finding.inspection_id).exists()
    return redirect(
        reverse("supervision:inspection", args=[finding.inspection_id])
        if target
        else reverse("supervision:letters")
    )
