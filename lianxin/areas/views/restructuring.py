"""Restructuring pages (P001-12, P001-14): restructure from a street or community page, attach the approval.

Thin: the form parses, ``areas.restructuring`` acts; every area is fetched through ``get_for_user`` with
write access (404 outside scope, 403 read only).
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lianxin.areas.models import Area, Level, Restructuring, RestructuringKind
from lianxin.areas.restructuring import area_restructure, restructuring_approval_set
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import CHANGE, get_for_user
from lianxin.core.uploads import image_store

APPROVAL_FOLDER = "approvals"


class ApprovalForm(forms.Form):
    approving_body = forms.CharField(label=gettext_lazy("Approving body"), max_length=100, required=False)
    approved_on = forms.DateField(
        label=gettext_lazy("Approved on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    document_number = forms.CharField(label=gettext_lazy("Document number"), max_length=100, required=False)
    approval_file = forms.FileField(
        label=gettext_lazy("Scan of the approval (JPEG, PNG or WebP)"), required=False
    )


class RestructureForm(ApprovalForm):
    kind = forms.ChoiceField(label=gettext_lazy("Restructuring"), choices=RestructuringKind.choices)
    sources = forms.CharField(
        label=gettext_lazy("Codes of the communities or villages"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("One code per line, or separated by commas."),
    )
    new_name = forms.CharField(
        label=gettext_lazy("Name of the new community (under a street)"), max_length=100, required=False
    )
    effective_on = forms.DateField(
        label=gettext_lazy("Effective on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(
        label=gettext_lazy("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    field_order = ["kind", "sources", "new_name", "effective_on", "note"]


def _codes(text: str) -> list[str]:
    return [code.strip() for code in text.replace(",", "\n").replace("，", "\n").splitlines() if code.strip()]


def _stored_file(form) -> str:
    upload = form.cleaned_data.get("approval_file")
    if not upload:
        return ""
    return image_store(upload, folder=APPROVAL_FOLDER).name


@login_required
def restructure(request, pk: int):
    target = get_for_user(Area, request.user, pk, CHANGE)
    if target.level not in (Level.STREET, Level.COMMUNITY) or target.is_retired:
        raise Http404
    form = RestructureForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                sources = []
                for code in _codes(data["sources"]):
                    try:
                        sources.append(get_for_user(Area, request.user, code, CHANGE, field="code"))
                    except (Http404, PermissionDenied):
                        raise DomainError(
                            _("No area with the code %(code)s that you may change.") % {"code": code},
                            field="sources",
                        ) from None
                record = area_restructure(
                    actor=request.user,
                    kind=data["kind"],
                    target=target,
                    sources=sources,
                    effective_on=data["effective_on"],
                    new_name=data["new_name"],
                    note=data["note"],
                    approving_body=data["approving_body"],
                    approved_on=data["approved_on"],
                    document_number=data["document_number"],
                    approval_file=_stored_file(form),
                )
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, _("The restructuring is recorded."))
                return redirect("areas:detail", record.area_id)
        status = 400
    return render(request, "areas/restructure.html", {"area": target, "form": form}, status=status)


@login_required
def restructuring_approval(request, pk: int):
    record = get_for_user(Restructuring, request.user, pk, CHANGE)
    form = ApprovalForm(
        request.POST or None,
        request.FILES or None,
        initial={
            "approving_body": record.approving_body,
            "approved_on": record.approved_on,
            "document_number": record.document_number,
        },
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                restructuring_approval_set(
                    actor=request.user,
                    restructuring=record,
                    approving_body=data["approving_body"],
                    approved_on=data["approved_on"],
                    document_number=data["document_number"],
                    approval_file=_stored_file(form),
                )
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, _("The approval is recorded."))
                return redirect("areas:detail", record.area_id)
        status = 400
    return render(
        request, "areas/restructuring_approval.html", {"record": record, "form": form}, status=status
    )
