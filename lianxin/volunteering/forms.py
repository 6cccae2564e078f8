from django import forms
from django.utils.translation import gettext_lazy as _

from lianxin.volunteering.models import RegistrantKind, UnitType


class RegisterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Registering as"), choices=RegistrantKind.choices, widget=forms.RadioSelect
    )
    skills = forms.CharField(label=_("Skills and services offered"), max_length=200, required=False)


class RefuseForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=200)


class UnitRegisterForm(forms.Form):
    unit_org = forms.ModelChoiceField(label=_("Unit party organisation"), queryset=None)
    unit_type = forms.ChoiceField(label=_("Unit type"), choices=UnitType.choices)
    community = forms.ModelChoiceField(label=_("Community"), queryset=None)
    head = forms.ModelChoiceField(label=_("Party head"), queryset=None)
    services = forms.CharField(label=_("Services offered"), max_length=200, required=False)

    def __init__(self, *args, unit_orgs, communities, heads, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit_org"].queryset = unit_orgs
        self.fields["community"].queryset = communities
        self.fields["head"].queryset = heads
