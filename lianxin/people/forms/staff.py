from django import forms
from django.utils.translation import gettext_lazy as _

from lianxin.people.models.staff_category import TransferMethod
from lianxin.people.roles import PostSource


class _DateInput(forms.DateInput):
    input_type = "date"


class StaffCategoryForm(forms.Form):
    method = forms.ChoiceField(label=_("Method"), choices=TransferMethod.choices)
    on = forms.DateField(label=_("Date"), widget=_DateInput)


class AppointForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"))
    area_code = forms.CharField(
        label=_("Over the area (area code)"),
        max_length=40,
        required=False,
        help_text=_(
            "e.g. the building's code for a building captain, the community's for a part-time grid worker."
        ),
    )
    party_org = forms.ModelChoiceField(
        label=_("Or over the party organisation"), queryset=None, required=False
    )
    organisation = forms.ModelChoiceField(label=_("Or in the organisation"), queryset=None, required=False)
    start_date = forms.DateField(label=_("From"), required=False, widget=_DateInput)
    is_full_time = forms.BooleanField(label=_("Full time"), required=False)
    # Where the holder was drawn from (a branch secretary: 两委成员 / 离退休党员 / 社区工作者, P001-23).
    source = forms.ChoiceField(
        label=_("Drawn from"), choices=[("", "—"), *PostSource.choices], required=False
    )

    def __init__(self, *args, user, **kwargs):
        from lianxin.core.scope import CHANGE
        from lianxin.party.models import PartyOrg
        from lianxin.people.appointments import appointable_roles
        from lianxin.people.models import Organisation

        super().__init__(*args, **kwargs)
        self.fields["role"].choices = appointable_roles()
        self.fields["party_org"].queryset = PartyOrg.objects.restrict(user, CHANGE)
        self.fields["organisation"].queryset = Organisation.objects.restrict(user, CHANGE).order_by(
            "kind", "name"
        )
