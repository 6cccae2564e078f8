from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    """Sign in by account name or mobile number; the error never says which of the two was wrong."""

    username = forms.CharField(
        label=_("Account name or mobile number"),
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    error_messages = {
        "invalid_login": _("The account name, mobile number or password is incorrect. Please try again."),
        "inactive": _("This account has been disabled. Please contact your system administrator."),
    }
