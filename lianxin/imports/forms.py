from django import forms
from django.utils.translation import gettext_lazy as _

from lianxin.imports.registry import import_kind_choices


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file holds"), choices=import_kind_choices)
    file = forms.FileField(
        label=_("Excel file (.xlsx)"),
        help_text=_("Fill in the template of the same kind. Nothing is written before you confirm."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(
                _("Choose an Excel file ending in .xlsx (save older .xls files as .xlsx).")
            )
        return upload
