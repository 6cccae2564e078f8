from django import forms
from django.utils.translation import gettext_lazy as _

from lianxin.volunteering.models import (
    Answer,
    CalloutKind,
    MemberRole,
    RegistrantKind,
    SentDownKind,
    TeamKind,
    UnitType,
)


class RegisterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Registering as"), choices=RegistrantKind.choices, widget=forms.RadioSelect
    )
    skills = forms.CharField(label=_("Skills and services offered"), max_length=200, required=False)


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


class UnitHeadPostForm(forms.Form):
    """A community post for a registered unit's party head (P001-42)."""

    role = forms.ChoiceField(label=_("Community post"))
    start_date = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    duties = forms.CharField(label=_("Duties"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        from lianxin.people.roles import Role
        from lianxin.volunteering.services.registrations import UNIT_HEAD_ROLES

        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(r, Role(r).label) for r in UNIT_HEAD_ROLES]


class TeamForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), choices=TeamKind.choices)
    area = forms.ModelChoiceField(label=_("Area served"), queryset=None)
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    leading_org = forms.ModelChoiceField(label=_("Leading party organisation"), queryset=None, required=False)
    base = forms.ModelChoiceField(label=_("Base"), queryset=None, required=False)
    founded_on = forms.DateField(
        label=_("Founded on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, areas, orgs, places, **kwargs):
        from lianxin.party.models import Sector

        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas
        self.fields["leading_org"].queryset = orgs
        self.fields["base"].queryset = places
        self.fields["sector"].choices = [("", "—"), *Sector.choices]


class MemberForm(forms.Form):
    person = forms.CharField(
        label=_("Person"),
        max_length=30,
        help_text=_("Mobile number or ID number of a person your posts serve"),
    )
    role = forms.ChoiceField(label=_("Role"), choices=MemberRole.choices, initial=MemberRole.MEMBER)


class CalloutForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=CalloutKind.choices)
    title = forms.CharField(label=_("Title"), max_length=100)
    team = forms.ModelChoiceField(label=_("Team called"), queryset=None, required=False)
    area = forms.ModelChoiceField(
        label=_("Or the volunteers of an area"),
        queryset=None,
        required=False,
        help_text=_("Choose a team or an area."),
    )
    starts_at = forms.DateTimeField(
        label=_("Time"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    place = forms.CharField(label=_("Place"), max_length=200)
    needed = forms.IntegerField(label=_("People needed"), min_value=1, max_value=10000)
    details = forms.CharField(label=_("Details"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, teams, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
        self.fields["area"].queryset = areas


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(label=_("Answer"), choices=Answer.choices, widget=forms.RadioSelect)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class PairingForm(forms.Form):
    household = forms.ModelChoiceField(label=_("Household in need"), queryset=None)
    captain = forms.CharField(label=_("Captain"), max_length=30, help_text=_("Mobile number or ID number"))
    volunteers = forms.CharField(
        label=_("Volunteers"),
        max_length=600,
        required=False,
        help_text=_("Mobile numbers or ID numbers, separated by commas or spaces"),
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args, households, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["household"].queryset = households


class VisitForm(forms.Form):
    visited_on = forms.DateField(label=_("Visited on"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class AgreementForm(forms.Form):
    party_org = forms.ModelChoiceField(label=_("Party organisation"), queryset=None)
    unit_name = forms.CharField(label=_("Unit"), max_length=100)
    unit_type = forms.ChoiceField(label=_("Unit type"), choices=UnitType.choices)
    signed_on = forms.DateField(label=_("Signed on"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(
        label=_("Ends on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    content = forms.CharField(label=_("Content"), max_length=200, required=False)

    def __init__(self, *args, orgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party_org"].queryset = orgs


class SentDownForm(forms.Form):
    person = forms.CharField(label=_("Person"), max_length=30, help_text=_("Mobile number or ID number"))
    party_org = forms.ModelChoiceField(label=_("Party organisation"), queryset=None)
    kind = forms.ChoiceField(label=_("Sent down as"), choices=SentDownKind.choices)
    since = forms.DateField(label=_("Since"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, orgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party_org"].queryset = orgs
