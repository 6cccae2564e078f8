from django.urls import path

from lianxin.security import views

# Under /accounts/, beside sign-in: flat names, as the shell marks the current page by url_name.
account_urlpatterns = [
    path("otp/", views.otp_verify, name="otp_verify"),
    path("otp/setup/", views.otp_setup, name="otp_setup"),
    path("otp/recovery-codes/", views.recovery_codes_new, name="otp_recovery_codes"),
    path("sessions/", views.session_list, name="sessions"),
    path("sessions/sign-out-all/", views.sessions_sign_out_all, name="sessions_sign_out_all"),
]

app_name = "security"
urlpatterns = [
    path("lockouts/", views.lockout_list, name="lockouts"),
    path("lockouts/unlock/", views.lockout_unlock, name="unlock"),
]
