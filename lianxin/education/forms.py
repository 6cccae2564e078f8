from django import forms
from django.utils.translation import gettext_lazy as _

from lianxin.education.models import Audience, FundSource, PlanKind


class SessionForm(forms.Form):
    kind = forms.ModelChoiceField(label=_("Kind"), queryset=None)
    title = forms.CharField(label=_("Title"), max_length=200)
    held_on = forms.DateField(label=_("Held on"), widget=forms.DateInput(attrs={"type": "date"}))
    area = forms.ModelChoiceField(label=_("Area"), queryset=None, required=False)
    teaching_point = forms.ModelChoiceField(label=_("Teaching point"), queryset=None, required=False)
    course = forms.ModelChoiceField(label=_("Course"), queryset=None, required=False)
    batch = forms.CharField(label=_("Batch"), max_length=50, required=False)
    results = forms.CharField(label=_("Results"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, kinds, areas, points, courses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = kinds
        self.fields["area"].queryset = areas
        self.fields["teaching_point"].queryset = points
        self.fields["course"].queryset = courses


class ParticipantForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Participant"), queryset=None)
    score = forms.DecimalField(label=_("Score"), max_digits=5, decimal_places=1, required=False)
    passed = forms.NullBooleanField(label=_("Passed"), required=False)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args, persons, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = persons


class PlanForm(forms.Form):
    area = forms.ModelChoiceField(label=_("Area"), queryset=None)
    kind = forms.ChoiceField(label=_("Kind"), choices=PlanKind.choices)
    title = forms.CharField(label=_("Title"), max_length=100)
    year_from = forms.IntegerField(label=_("From year"), min_value=2000, max_value=2100)
    parent = forms.ModelChoiceField(label=_("Under the five-year plan"), queryset=None, required=False)
    target_person_times = forms.IntegerField(label=_("Target person-times"), min_value=0, required=False)
    content = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, areas, parents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas
        self.fields["parent"].queryset = parents


class ClassForm(forms.Form):
    plan = forms.ModelChoiceField(label=_("Plan"), queryset=None)
    title = forms.CharField(label=_("Title"), max_length=100)
    audience = forms.ChoiceField(label=_("Trainees"), choices=Audience.choices)
    starts_on = forms.DateField(label=_("Starts on"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("Ends on"), widget=forms.DateInput(attrs={"type": "date"}))
    teaching_point = forms.ModelChoiceField(label=_("Teaching point"), queryset=None, required=False)
    capacity = forms.IntegerField(label=_("Capacity"), min_value=1, max_value=10000, required=False)

    def __init__(self, *args, plans, points, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans
        self.fields["teaching_point"].queryset = points


class EnrolForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Trainee"), queryset=None)

    def __init__(self, *args, persons, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = persons


class FundForm(forms.Form):
    area = forms.ModelChoiceField(label=_("Area"), queryset=None)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    source = forms.ChoiceField(label=_("Source"), choices=FundSource.choices)
    yuan = forms.DecimalField(label=_("Amount (yuan)"), max_digits=12, decimal_places=2, min_value=0)
    plan = forms.ModelChoiceField(label=_("Plan"), queryset=None, required=False)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args, areas, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas
        self.fields["plan"].queryset = plans
