from django.urls import path

from lianxin.readiness import views

app_name = "readiness"

urlpatterns = [
    path("plans/", views.plans, name="plans"),
    path("plans/export.xlsx", views.plans_export, name="plans_export"),
    path("plans/<int:pk>/", views.plan, name="plan"),
    path("roster/", views.roster, name="roster"),
    path("mobilisations/", views.mobilisations, name="mobilisations"),
    path("mobilisations/<int:pk>/", views.mobilisation, name="mobilisation"),
    path("mobilisations/<int:pk>/export.xlsx", views.mobilisation_export, name="mobilisation_export"),
    path("mobilisations/<int:pk>/answer/", views.mobilisation_answer, name="mobilisation_answer"),
    path("mine/", views.mine, name="mine"),
    path("r/<str:token>/", views.ack, name="ack"),
]
