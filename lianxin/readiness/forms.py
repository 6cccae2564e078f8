from django import forms
from django.utils.translation import gettext_lazy as _

from lianxin.readiness.models import Audience, Channel, MobilisationKind
from lianxin.volunteering.models import Answer


class PlanForm(forms.Form):
    area = forms.ModelChoiceField(label=_("Community or street"), queryset=None)
    title = forms.CharField(label=_("Title"), max_length=100)
    commander = forms.ModelChoiceField(label=_("Commander"), queryset=None)
    deputy = forms.ModelChoiceField(label=_("Deputy commander"), queryset=None, required=False)
    workflow = forms.CharField(
        label=_("Workflow steps"), widget=forms.Textarea(attrs={"rows": 4}), required=False,
        help_text=_("One step a line, e.g. 接警、研判、集结、处置、总结"),
    )  # fmt: skip

    def __init__(self, *args, areas, persons, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas
        self.fields["commander"].queryset = persons
        self.fields["deputy"].queryset = persons


class TeamForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    shock_team = forms.ModelChoiceField(label=_("Party-member shock team"), queryset=None, required=False)
    volunteer_team = forms.ModelChoiceField(label=_("Volunteer team"), queryset=None, required=False)
    duties = forms.CharField(label=_("Duties"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    estates = forms.ModelMultipleChoiceField(
        label=_("Estates covered"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, shock_teams, volunteer_teams, estates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shock_team"].queryset = shock_teams
        self.fields["volunteer_team"].queryset = volunteer_teams
        self.fields["estates"].queryset = estates


class MobilisationForm(forms.Form):
    area = forms.ModelChoiceField(label=_("Area"), queryset=None)
    kind = forms.ChoiceField(label=_("Kind"), choices=MobilisationKind.choices)
    title = forms.CharField(label=_("Title"), max_length=100)
    place = forms.CharField(label=_("Gathering place"), max_length=200)
    audience = forms.ChoiceField(label=_("Who is called"), choices=Audience.choices)
    plan = forms.ModelChoiceField(label=_("Plan"), queryset=None, required=False)
    estate = forms.ModelChoiceField(label=_("Only this estate"), queryset=None, required=False)
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    details = forms.CharField(label=_("Details"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, areas, plans, estates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas
        self.fields["plan"].queryset = plans
        self.fields["estate"].queryset = estates


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(label=_("Your answer"), choices=Answer.choices, widget=forms.RadioSelect)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)
