"""/open311/discovery.{fmt} and /open311/v2/…: GeoReport v2 and FixMyStreet's updates extension."""

from django.urls import include, path, re_path

from lianxin.open311 import views

FMT = r"\.(?P<fmt>[A-Za-z0-9]+)$"

v2 = [
    path("", views.root, name="root"),
    re_path(r"^services" + FMT, views.service_list, name="services"),
    re_path(r"^services/(?P<service_code>[^/]+?)" + FMT, views.service_definition, name="service"),
    re_path(r"^requests" + FMT, views.requests, name="requests"),
    re_path(r"^requests/(?P<request_id>[^/]+?)" + FMT, views.request_detail, name="request"),
    re_path(r"^tokens/(?P<token>[^/]+?)" + FMT, views.token_detail, name="token"),
    re_path(r"^servicerequestupdates" + FMT, views.request_updates, name="updates"),
    path("media/<str:token>", views.media, name="media"),
    re_path(r"^.*$", views.not_found),
]

app_name = "open311"
urlpatterns = [
    re_path(r"^discovery" + FMT, views.discovery, name="discovery"),
    path("v2/", include(v2)),
]
