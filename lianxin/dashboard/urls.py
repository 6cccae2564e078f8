from django.urls import path

from lianxin.dashboard import views

app_name = "dashboard"

urlpatterns = [
    path("", views.index, name="index"),
    path("screen/", views.screen, name="screen"),
    path("data/", views.data, name="data"),
    path("panels/organisation/", views.panel_organisation, name="panel_organisation"),
    path("panels/practices/", views.panel_practices, name="panel_practices"),
    path("panels/services/", views.panel_services, name="panel_services"),
    path("practices.xlsx", views.practices_xlsx, name="practices_xlsx"),
    path("table/", views.table, name="table"),
    path("cases.xlsx", views.cases_xlsx, name="cases_xlsx"),
    path("bulletins/", views.bulletins, name="bulletins"),
    path("bulletins/<int:pk>/download/", views.bulletin_download, name="bulletin_download"),
]
