from django.urls import path

from lianxin.volunteering.views import registrations

app_name = "volunteering"

urlpatterns = [
    path("register/", registrations.register, name="register"),
    path("registrations/", registrations.vetting, name="vetting"),
    path("registrations/<int:pk>/approve/", registrations.registration_approve, name="registration_approve"),
    path("registrations/<int:pk>/refuse/", registrations.registration_refuse, name="registration_refuse"),
    path("units/", registrations.units, name="units"),
    path(
        "units/<int:pk>/approve/", registrations.unit_registration_approve, name="unit_registration_approve"
    ),
    path("units/<int:pk>/refuse/", registrations.unit_registration_refuse, name="unit_registration_refuse"),
]
