"""Page forms of the provision app: they parse the input; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lianxin.provision.models import Mechanism, ProviderForm, TargetGroup

MAX_MATERIALS_TEXT = 1000


class ServiceItemForm(forms.Form):
    mechanism = forms.ChoiceField(label=_("mechanism"), choices=Mechanism.choices)
    target_groups = forms.MultipleChoiceField(
        label=_("target groups"),
        choices=TargetGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    materials = forms.CharField(
        label=_("required materials"),
        required=False,
        max_length=MAX_MATERIALS_TEXT,
        help_text=_("Separated by 、 e.g. 身份证、户口簿、银行卡"),
    )
    points_price = forms.IntegerField(label=_("price in points"), min_value=0, max_value=100_000)
    at_cluster_centres = forms.BooleanField(label=_("handled at every cluster centre"), required=False)
    at_community_centres = forms.BooleanField(label=_("handled at every community centre"), required=False)


class ListingForm(forms.Form):
    """A listing's offer; the choices (providers, items, areas, centres, alliances) are those the user may
    see, set by the view."""

    organisation = forms.ModelChoiceField(label=_("provider"), queryset=None)
    form = forms.ChoiceField(label=_("form"), choices=ProviderForm.choices)
    items = forms.ModelMultipleChoiceField(
        label=_("service items"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    areas = forms.ModelMultipleChoiceField(label=_("areas covered"), queryset=None)
    centre = forms.ModelChoiceField(label=_("centre it works from"), queryset=None, required=False)
    alliance = forms.ModelChoiceField(label=_("alliance served"), queryset=None, required=False)

    def __init__(self, *args, organisations, items, areas, centres, alliances, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["items"].queryset = items
        self.fields["items"].label_from_instance = lambda item: item.name
        self.fields["areas"].queryset = areas
        self.fields["centre"].queryset = centres
        self.fields["alliance"].queryset = alliances
        if editing:
            del self.fields["organisation"]


class ListingStepForm(forms.Form):
    note = forms.CharField(label=_("note"), required=False, max_length=200)
