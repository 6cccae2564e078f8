"""The deliberation pages' forms; every write goes through a service, which has the last word."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lianxin.deliberation.models import DeputyType, MeetingKind, Weight

DATE = forms.DateInput(attrs={"type": "date"})
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class FilterForm(forms.Form):
    kind = forms.ModelChoiceField(
        label=_("Kind"), queryset=MeetingKind.objects.all(), required=False, to_field_name="code"
    )
    area = forms.ModelChoiceField(label=_("Area"), queryset=None, required=False)
    since = forms.DateField(label=_("From"), required=False, widget=DATE)
    until = forms.DateField(label=_("Until"), required=False, widget=DATE)

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas

    def clean(self):
        data = super().clean()
        for name in ("since", "until"):
            value = data.get(name)
            if value is not None and not (1949 <= value.year <= 2100):
                self.add_error(name, _("Give a date between 1949 and 2100."))
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("since", _("The start of the period is after its end."))
        return data


class MeetingForm(forms.Form):
    kind = forms.ModelChoiceField(label=_("Kind"), queryset=MeetingKind.objects.all())
    area = forms.ModelChoiceField(label=_("Held at"), queryset=None)
    title = forms.CharField(label=_("Title"), max_length=100, required=False)
    held_on = forms.DateTimeField(label=_("Held on"), widget=DATETIME)
    place = forms.CharField(label=_("Place"), max_length=100, required=False)
    body = forms.CharField(label=_("Body (alliance, studio …)"), max_length=100, required=False)
    estate_parties = forms.MultipleChoiceField(
        label=_("The estate's parties present"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[
            ("branch", _("estate party branch")),
            ("owners_committee", _("owners' committee")),
            ("property_company", _("property company")),
        ],
    )
    resident_reps = forms.CharField(
        label=_("Resident representatives (names)"), max_length=300, required=False
    )
    others = forms.CharField(
        label=_("Deputies, units and other parties (names)"), max_length=500, required=False
    )
    attendance = forms.IntegerField(label=_("People present"), min_value=0, max_value=100000, required=False)
    minutes = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    is_public = forms.BooleanField(label=_("Publish to residents (sunshine deliberation)"), required=False)

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas


class MatterForm(forms.Form):
    category = forms.ModelChoiceField(label=_("Category"), queryset=None)
    description = forms.CharField(
        label=_("Matter raised"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    raised_by = forms.CharField(label=_("Raised by"), max_length=50, required=False)

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories


class VoteForm(forms.Form):
    question = forms.CharField(label=_("Put to the vote"), max_length=200)
    votes_for = forms.IntegerField(label=_("Votes for"), min_value=0, max_value=100000)
    votes_against = forms.IntegerField(label=_("Votes against"), min_value=0, max_value=100000)
    votes_abstain = forms.IntegerField(label=_("Abstentions"), min_value=0, max_value=100000, required=False)
    topic = forms.ModelChoiceField(label=_("Agenda topic"), queryset=None, required=False)

    def __init__(self, *args, topics, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = topics


class DecisionForm(forms.Form):
    text = forms.CharField(label=_("Decision"), max_length=200)
    vote = forms.ModelChoiceField(label=_("Vote"), queryset=None, required=False)
    organisation = forms.ModelChoiceField(label=_("Owner: organisation"), queryset=None, required=False)
    party_org = forms.ModelChoiceField(label=_("Owner: party organisation"), queryset=None, required=False)
    working_days = forms.DecimalField(
        label=_("Deadline in working days"), min_value=0.5, max_value=365, decimal_places=1, required=False
    )

    def __init__(self, *args, votes, organisations, party_orgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vote"].queryset = votes
        self.fields["organisation"].queryset = organisations
        self.fields["party_org"].queryset = party_orgs


class TopicForm(forms.Form):
    title = forms.CharField(label=_("Topic title"), max_length=100)
    weight = forms.ChoiceField(label=_("Weight"), choices=Weight.choices, initial=Weight.IMPORTANT)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class RotaForm(forms.Form):
    area = forms.ModelChoiceField(label=_("Studio at"), queryset=None)
    week = forms.DateField(label=_("Week of"), widget=DATE)
    deputy = forms.ModelChoiceField(label=_("Deputy"), queryset=None)
    deputy_type = forms.ChoiceField(label=_("Deputy type"), choices=DeputyType.choices)

    def __init__(self, *args, areas, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas
        self.fields["deputy"].queryset = people


class AgendaForm(forms.Form):
    meeting = forms.ModelChoiceField(label=_("Meeting"), queryset=None)

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings


class OutcomeForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("decided", _("decided")), ("dropped", _("dropped"))], initial="decided"
    )
    outcome = forms.CharField(label=_("Outcome"), widget=forms.Textarea(attrs={"rows": 2}))


class ScheduleForm(forms.Form):
    kind = forms.ModelChoiceField(label=_("Kind"), queryset=MeetingKind.objects.all())
    area = forms.ModelChoiceField(label=_("Held at"), queryset=None)
    body = forms.CharField(label=_("Body (alliance, studio …)"), max_length=100, required=False)
    rrule = forms.CharField(
        label=_("recurrence (RRULE)"),
        max_length=200,
        required=False,
        help_text=_("e.g. FREQ=MONTHLY or FREQ=WEEKLY; blank: the kind's, else quarterly."),
    )
    starts_on = forms.DateField(label=_("starts on"), widget=DATE)

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas
