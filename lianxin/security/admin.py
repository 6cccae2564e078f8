"""Second-factor devices in the configuration site, for the security administrator: he sees who has enrolled
and can delete a device (a lost phone), but never a device's key, QR code or recovery codes, which would let
him pass someone else's second factor."""

import django_otp.plugins.otp_static.admin  # noqa: F401 - registers first, replaced below
import django_otp.plugins.otp_totp.admin  # noqa: F401
from django.contrib import admin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

for model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


class _DeviceAdmin(admin.ModelAdmin):
    list_display = ["user", "name", "confirmed"]
    fields = ["user", "name", "confirmed"]
    readonly_fields = ["user", "name", "confirmed"]
    search_fields = ["user__username"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


admin.site.register(TOTPDevice, _DeviceAdmin)
admin.site.register(StaticDevice, _DeviceAdmin)


def _password_change(request, extra_context=None):
    """The configuration site changes a password through the account page, the one path that renews the
    session id and the account's session list with it (issue 18, finding 8), keeps the password history and
    writes the audit record."""
    from django.shortcuts import redirect

    return redirect("password_change")


admin.site.password_change = _password_change
