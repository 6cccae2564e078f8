from datetime import datetime, time, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.tokens.services import NAME_MAX_LENGTH, token_default_days, token_max_days


class TokenCreateForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=NAME_MAX_LENGTH,
        help_text=_("What the token is for, e.g. the program or colleague that will use it."),
    )
    expires_on = forms.DateField(
        label=_("Expires on"),
        # The ISO format is the only one a date input accepts as its value.
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        help_text=_("The token stops working at the end of this day."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["expires_on"].initial = today + timedelta(days=token_default_days())
        self.fields["expires_on"].widget.attrs.update(
            min=(today + timedelta(days=1)).isoformat(),
            max=(today + timedelta(days=token_max_days() - 1)).isoformat(),
        )

    def expires_at(self):
        """The end of the chosen day, in the platform's time zone."""
        day = self.cleaned_data["expires_on"]
        return timezone.make_aware(datetime.combine(day, time(23, 59, 59)))
