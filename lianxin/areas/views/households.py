"""Pages for member households (党员中心户) and liaison links ("1+11"): list them under an area, record a
member household with the households it serves, set a liaison's households. Thin, scoped."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lianxin.areas.models import Area, Household
from lianxin.core.errors_domain import DomainError
from lianxin.core.paths import ancestor_path, ancestor_paths
from lianxin.core.scope import CHANGE, get_for_user, under
from lianxin.party.households import (
    area_liaisons,
    area_member_households,
    liaison_households_set,
    member_household_counts,
    member_household_save,
)
from lianxin.party.models import Membership, MembershipKind, OrgKind, PartyOrg
from lianxin.people.models import Person, Post
from lianxin.people.roles import Role


class MemberHouseholdForm(forms.Form):
    household = forms.ModelChoiceField(
        label=gettext_lazy("Member household"), queryset=Household.objects.none()
    )
    member = forms.ModelChoiceField(
        label=gettext_lazy("Party member living there"), queryset=Person.objects.none()
    )
    group = forms.ModelChoiceField(label=gettext_lazy("Party group"), queryset=PartyOrg.objects.none())
    served = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Households it serves"),
        queryset=Household.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    selected_on = forms.DateField(
        label=gettext_lazy("Selected on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, user, area, **kwargs):
        super().__init__(*args, **kwargs)
        households = (
            Household.objects.restrict(user, CHANGE).filter(under("area_path", area.path)).order_by("address")
        )
        members = (
            Membership.objects.restrict(user)
            .current()
            .filter(
                kind__in=(MembershipKind.FULL, MembershipKind.PROBATIONARY), person__household__in=households
            )
        )
        self.fields["household"].queryset = households
        self.fields["served"].queryset = households
        self.fields["member"].queryset = (
            Person.objects.restrict(user).filter(pk__in=members.values("person_id")).order_by("name")
        )
        self.fields["group"].queryset = PartyOrg.objects.restrict(user).filter(
            under("area_path", ancestor_path(area.path, max(area.depth - 1, 1))), kind=OrgKind.GROUP
        )


class LiaisonForm(forms.Form):
    liaison = forms.ModelChoiceField(label=gettext_lazy("Liaison"), queryset=Person.objects.none())
    households = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Households he links"),
        queryset=Household.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, user, area, **kwargs):
        super().__init__(*args, **kwargs)
        ancestors = ancestor_paths(area.path)
        posts = Post.objects.restrict(user).current().filter(role=Role.LIAISON)
        posts = posts.filter(area_path__in=ancestors) | posts.filter(under("area_path", area.path))
        self.fields["liaison"].queryset = (
            Person.objects.restrict(user).filter(pk__in=posts.values("person_id")).order_by("name")
        )
        self.fields["households"].queryset = (
            Household.objects.restrict(user, CHANGE).filter(under("area_path", area.path)).order_by("address")
        )


@login_required
def member_households(request, pk: int):
    area = get_for_user(Area, request.user, pk)
    rows = area_member_households(user=request.user, area=area)
    if request.method == "GET" and request.GET.get("format") == "xlsx":
        from lianxin.areas.exports import member_households_xlsx

        return member_households_xlsx(user=request.user, area=area, rows=rows)
    can_change = Area.objects.restrict(request.user, CHANGE).filter(pk=area.pk).exists()
    form = None
    status = 200
    if can_change:
        form = MemberHouseholdForm(request.POST or None, user=request.user, area=area)
    if request.method == "POST":
        if form is None:
            get_for_user(Area, request.user, pk, CHANGE)  # 403 for a read-only post
        if form.is_valid():
            try:
                member_household_save(actor=request.user, **form.cleaned_data)
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, _("The member household is recorded."))
                return redirect("areas:member_households", area.pk)
        status = 400
    return render(
        request,
        "areas/member_households.html",
        {
            "area": area,
            "rows": rows,
            "form": form,
            "counts": member_household_counts(user=request.user, area=area),
        },
        status=status,
    )


@login_required
def liaisons(request, pk: int):
    area = get_for_user(Area, request.user, pk)
    can_change = Area.objects.restrict(request.user, CHANGE).filter(pk=area.pk).exists()
    rows = area_liaisons(user=request.user, area=area)
    form = None
    status = 200
    if request.method == "POST" and not can_change:
        get_for_user(Area, request.user, pk, CHANGE)  # 403 for a read-only post
    if can_change:
        initial = {}
        chosen = request.GET.get("liaison", "")
        if chosen.isdigit():
            initial = {
                "liaison": int(chosen),
                "households": [
                    h.pk for row in rows if row["liaison"].pk == int(chosen) for h in row["households"]
                ],
            }
        form = LiaisonForm(request.POST or None, initial=initial, user=request.user, area=area)
    if request.method == "POST":
        if form.is_valid():
            try:
                warning = liaison_households_set(actor=request.user, area=area, **form.cleaned_data)
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, _("The liaison's households are saved."))
                if warning:
                    messages.warning(request, warning)
                return redirect("areas:liaisons", area.pk)
        status = 400
    return render(request, "areas/liaisons.html", {"area": area, "rows": rows, "form": form}, status=status)
