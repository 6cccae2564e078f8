from django import forms
from django.utils.translation import gettext_lazy as _

from lianxin.people.models import PersonTag


class NoticeForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 6}), required=False)
    area = forms.ChoiceField(label=_("Area"))
    tag = forms.ModelChoiceField(
        label=_("Recipients"),
        queryset=PersonTag.objects.all(),
        empty_label=None,
        help_text=_("Everyone with this tag and an account, in the chosen area."),
    )

    def __init__(self, *args, areas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [(a.pk, a.name) for a in areas]
