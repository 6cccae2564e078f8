"""The standards pages' forms: they only parse; the services check and refuse."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lianxin.assessment.models import BrandStatus, HonourKind, NominationStatus

YEAR = {"min_value": 2000, "max_value": 2100}


class OrgChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class RatingForm(forms.Form):
    org = OrgChoice(label=_("Party organisation"), queryset=None)
    year = forms.IntegerField(label=_("Year"), **YEAR)
    stars = forms.TypedChoiceField(
        label=_("Stars"), coerce=int, choices=[(n, "★" * n) for n in (5, 4, 3, 2, 1)]
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, orgs, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs
        self.criteria = list(criteria)
        for c in self.criteria:
            self.fields[f"evidence_{c.pk}"] = forms.CharField(
                label=_("Evidence: %(criterion)s") % {"criterion": c.name},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=c.description,
            )

    def evidence(self) -> dict:
        return {str(c.pk): self.cleaned_data.get(f"evidence_{c.pk}", "") for c in self.criteria}


class MemberStarForm(forms.Form):
    person = forms.CharField(label=_("Member (id, mobile or ID number)"), max_length=40)
    year = forms.IntegerField(label=_("Year"), **YEAR)
    stars = forms.TypedChoiceField(
        label=_("Stars"), coerce=int, choices=[(n, "★" * n) for n in (5, 4, 3, 2, 1)]
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=200)


class CreditEventForm(forms.Form):
    person = forms.CharField(label=_("Member (id, mobile or ID number)"), max_length=40)
    rule = forms.ModelChoiceField(label=_("Credit rule"), queryset=None)
    happened_on = forms.DateField(label=_("Happened on"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("Note"), required=False, max_length=200)

    def __init__(self, *args, rules, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rule"].queryset = rules


class WeakOrgForm(forms.Form):
    org = OrgChoice(label=_("Party organisation"), queryset=None)
    year = forms.IntegerField(label=_("Year"), **YEAR)
    reasons = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 3}))
    items = forms.CharField(
        label=_("Rectification items (one a line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    working_days = forms.IntegerField(
        label=_("Time limit (working days)"), min_value=1, max_value=365, initial=15
    )
    support_yuan = forms.DecimalField(
        label=_("Funds (yuan)"), min_value=0, max_digits=12, decimal_places=2, initial=0
    )
    staff_sent = forms.IntegerField(label=_("Staff sent"), min_value=0, max_value=10000, initial=0)
    staff_note = forms.CharField(label=_("Who was sent"), required=False, max_length=200)

    def __init__(self, *args, orgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs

    def item_list(self) -> list[tuple[str, int]]:
        days = self.cleaned_data["working_days"]
        return [
            (line.strip(), days) for line in self.cleaned_data.get("items", "").splitlines() if line.strip()
        ]


class ItemForm(forms.Form):
    title = forms.CharField(label=_("Rectification item"), max_length=100)
    working_days = forms.IntegerField(
        label=_("Time limit (working days)"), min_value=1, max_value=365, initial=15
    )


class AcceptForm(forms.Form):
    note = forms.CharField(
        label=_("Acceptance note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class TickForm(forms.Form):
    org = OrgChoice(label=_("Party organisation"), queryset=None)
    item = forms.ModelChoiceField(label=_("Item"), queryset=None)
    year = forms.IntegerField(label=_("Year"), **YEAR)
    evidence = forms.CharField(label=_("Evidence"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, orgs, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs
        self.fields["item"].queryset = items


class HonourForm(forms.Form):
    kind = forms.ChoiceField(label=_("Awarded to"), choices=HonourKind.choices)
    title = forms.CharField(label=_("Title"), max_length=50)
    year = forms.IntegerField(label=_("Year"), **YEAR)
    awarding_body = forms.CharField(label=_("Awarding body"), max_length=100)
    person = forms.CharField(label=_("Person (id, mobile or ID number)"), required=False, max_length=40)
    area = forms.IntegerField(label=_("Building (area id)"), required=False, min_value=1)
    org = OrgChoice(label=_("Party organisation"), queryset=None, required=False)
    awarded_on = forms.DateField(
        label=_("Awarded on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=200)

    def __init__(self, *args, orgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs


class BrandForm(forms.Form):
    org = OrgChoice(label=_("Owning organisation"), queryset=None)
    name = forms.CharField(label=_("Name"), max_length=100)
    year = forms.IntegerField(label=_("Year"), **YEAR)
    status = forms.ChoiceField(label=_("Status"), choices=BrandStatus.choices)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, orgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs


class CampaignForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=100)
    area = forms.ModelChoiceField(label=_("Area"), queryset=None)
    starts_on = forms.DateField(label=_("Starts on"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("Ends on"), widget=forms.DateInput(attrs={"type": "date"}))
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas


class NominationForm(forms.Form):
    person = forms.CharField(label=_("Rider (id, mobile or ID number)"), max_length=40)
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class DecisionForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Decision"),
        choices=[(NominationStatus.SELECTED, _("selected")), (NominationStatus.REWARDED, _("rewarded"))],
    )
    reward = forms.CharField(label=_("Reward"), required=False, max_length=100)


class CampaignActivityForm(forms.Form):
    activity = forms.ModelChoiceField(label=_("Activity"), queryset=None)

    def __init__(self, *args, activities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = activities


class PracticeForm(forms.Form):
    org = OrgChoice(label=_("Party organisation"), queryset=None)
    title = forms.CharField(label=_("Title"), max_length=100)
    body = forms.CharField(label=_("Practice"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, orgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs


class CriterionForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=50)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=1000, initial=0)
    is_active = forms.BooleanField(label=_("In use"), required=False, initial=True)


class CreditRuleForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=50)
    points = forms.IntegerField(label=_("Points (negative to deduct)"), min_value=-100, max_value=100)
    is_active = forms.BooleanField(label=_("In use"), required=False, initial=True)


class ChecklistTemplateForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=50)
    field = forms.ChoiceField(label=_("For organisations of the field"), required=False)
    items = forms.CharField(label=_("Items (one a line)"), widget=forms.Textarea(attrs={"rows": 6}))
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        from lianxin.party.models import Field

        super().__init__(*args, **kwargs)
        self.fields["field"].choices = [("", _("All fields")), *Field.choices]
