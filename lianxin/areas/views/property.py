"""An estate's property services (P001-33): the companies that served it, and assigning a new one."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lianxin.areas.estate_facts import area_facts_editable
from lianxin.areas.models import Area, Level
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import CHANGE, get_for_user
from lianxin.people.models import EstateService
from lianxin.people.services.estates import estate_service_assign, property_companies_choosable


class EstateServiceForm(forms.Form):
    company = forms.ModelChoiceField(label=gettext_lazy("Property company"), queryset=None)
    service_start = forms.DateField(
        label=gettext_lazy("Service start"), widget=forms.DateInput(attrs={"type": "date"})
    )
    fee_start = forms.DateField(
        label=gettext_lazy("Fee start"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("May be later than the service start, never earlier."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = property_companies_choosable()


@login_required
def estate_property(request, pk: int):
    estate = get_for_user(Area, request.user, pk)
    if estate.level != Level.ESTATE:
        raise Http404
    can_change = Area.objects.restrict(request.user, CHANGE).filter(pk=estate.pk).exists()
    if request.method == "POST" and not can_change:
        get_for_user(Area, request.user, pk, CHANGE)  # 403 for a read-only post
    # Which company serves the estate is a property fact of the community's staff, not of the company itself
    # nor of the grid worker (issue 19): they read the page, the form is not theirs.
    can_change = can_change and "property_mode" in area_facts_editable(user=request.user, area=estate)
    if request.method == "POST" and not can_change:
        raise PermissionDenied
    form = EstateServiceForm(request.POST or None) if can_change else None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                estate_service_assign(actor=request.user, estate=estate, **form.cleaned_data)
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, _("The property service is recorded."))
                return redirect("areas:property", estate.pk)
        status = 400
    services = (
        EstateService.objects.filter(estate=estate)
        .select_related("company")
        .order_by("-service_start", "-id")
    )
    return render(
        request,
        "areas/estate_property.html",
        {"area": estate, "services": services, "form": form},
        status=status,
    )
