from django.urls import path

from lianxin.education import views

app_name = "education"

urlpatterns = [
    path("", views.console, name="console"),
    path("sessions/", views.sessions, name="sessions"),
    path("sessions/export.xlsx", views.sessions_export, name="sessions_export"),
    path("sessions/<int:pk>/", views.session, name="session"),
    path("plans/", views.plans, name="plans"),
    path("classes/<int:pk>/", views.training_class, name="class"),
    path("library/", views.library, name="library"),
    path("funds/", views.funds, name="funds"),
    path("funds/export.xlsx", views.funds_export, name="funds_export"),
]
