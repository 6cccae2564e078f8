from django import forms
from django.utils.translation import gettext_lazy as _

from lianxin.people.staff_category import TransferMethod


class _DateInput(forms.DateInput):
    input_type = "date"


class StaffCategoryForm(forms.Form):
    method = forms.ChoiceField(label=_("Method"), choices=TransferMethod.choices)
    on = forms.DateField(label=_("Date"), widget=_DateInput)
