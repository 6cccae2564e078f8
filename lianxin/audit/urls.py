from django.urls import path

from lianxin.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.record_list, name="list"),
    path("export.xlsx", views.record_export, name="export"),
    path("chain/", views.chain_check, name="chain"),
]
