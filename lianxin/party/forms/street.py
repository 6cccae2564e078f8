"""Forms of a street's three-level organisation page (P002-47)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lianxin.areas.models import Place
from lianxin.party.forms.manage import PERSON_HELP, DateInput, with_blank
from lianxin.party.services.street import CENTRE_STAFF_ROLES
from lianxin.people.roles import Role, StaffingType


class StreetOfficeForm(forms.Form):
    name = forms.CharField(label=_("Name of the office"), max_length=100)


class StreetCentreForm(forms.Form):
    place = forms.ModelChoiceField(
        label=_("A service centre of the street"),
        queryset=Place.objects.none(),
        required=False,
        help_text=_("A place recorded at the street itself and designated as a party service centre."),
    )
    name = forms.CharField(
        label=_("Or record a new centre named"),
        max_length=100,
        required=False,
        help_text=_("Its address, opening hours and other facts are kept on the place's own page."),
    )

    def __init__(self, *args, places, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = places

    def clean(self):
        data = super().clean()
        if not self.errors and data.get("place") is None and not (data.get("name") or "").strip():
            raise forms.ValidationError(_("Choose a service centre of the street, or name a new one."))
        return data


class StreetStaffForm(forms.Form):
    person = forms.CharField(label=_("Person"), max_length=40, help_text=PERSON_HELP)
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[(role.value, role.label) for role in CENTRE_STAFF_ROLES],
        initial=Role.PLACE_STAFF,
    )
    staffing_type = forms.ChoiceField(
        label=_("Staffing type"), choices=with_blank(StaffingType.choices), required=False
    )
    duties = forms.CharField(
        label=_("Duties"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One post per duty, one named person per post: e.g. window duty, policy advice."),
    )
    start_date = forms.DateField(label=_("From"), required=False, widget=DateInput)
