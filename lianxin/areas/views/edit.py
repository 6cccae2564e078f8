"""Editing an area's own facts (P001-02 official population, P001-13 planned households and facilities,
P001-54 the one brand, P001-33 estate type): thin, through ``areas.services.area_update``."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lianxin.areas.estate_facts import area_facts_editable
from lianxin.areas.models import Area, Level
from lianxin.areas.services import area_update
from lianxin.core.errors_domain import DomainError
from lianxin.core.scope import CHANGE, get_for_user

COMMON = ["name", "short_name", "lat", "lng", "boundary_note", "official_population"]
BY_LEVEL = {
    Level.COMMUNITY: ["planned_households", "facilities", "brand"],
    Level.VILLAGE: ["planned_households", "facilities", "brand"],
    Level.ESTATE: ["estate_type", "property_mode", "is_mature"],
}


def area_form_class(area: Area, editable=None):
    """The form of the facts of ``area``; with ``editable``, only those (the facts the user's posts own)."""
    fields_shown = [f for f in COMMON + BY_LEVEL.get(area.level, []) if editable is None or f in editable]

    class AreaForm(forms.ModelForm):
        class Meta:
            model = Area
            fields = fields_shown
            widgets = {
                "boundary_note": forms.Textarea(attrs={"rows": 2}),
                "facilities": forms.Textarea(attrs={"rows": 3}),
            }

    return AreaForm


@login_required
def area_edit(request, pk: int):
    area = get_for_user(Area, request.user, pk, CHANGE)
    # Each fact has its owners: the form offers only the facts this user's posts own, none is a 403.
    editable = area_facts_editable(user=request.user, area=area)
    if not editable:
        raise PermissionDenied
    form = area_form_class(area, editable)(request.POST or None, instance=Area.objects.get(pk=area.pk))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                area_update(actor=request.user, area=area, **form.cleaned_data)
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, _("The area is saved."))
                return redirect("areas:detail", area.pk)
        status = 400
    return render(request, "areas/area_edit.html", {"area": area, "form": form}, status=status)
