from django.urls import path

from lianxin.provision.views import catalogue, enterprise, notices, orders, places, providers, windows

app_name = "provision"

urlpatterns = [
    path("catalogue/", catalogue.catalogue, name="catalogue"),
    path("catalogue/<int:pk>/edit/", catalogue.catalogue_edit, name="catalogue_edit"),
    path("providers/", providers.provider_list, name="providers"),
    path("providers/new/", providers.provider_apply, name="provider_apply"),
    path("providers/<int:pk>/", providers.provider_detail, name="provider"),
    path("providers/<int:pk>/edit/", providers.provider_edit, name="provider_edit"),
    path("providers/<int:pk>/steps/<slug:action>/", providers.provider_step, name="provider_step"),
    path("material-notices/", notices.notices, name="notices"),
    path("services/", orders.services_home, name="services"),
    path("services/<int:pk>/order/", orders.order_new, name="order_new"),
    path("orders/", orders.orders_mine, name="orders_mine"),
    path("orders/<int:pk>/rate/", orders.order_rate, name="order_rate"),
    path("enterprise/", enterprise.enterprise_services, name="enterprise_services"),
    path("windows/", windows.windows, name="windows"),
    path("windows/<int:pk>/", windows.window, name="window"),
    path("windows/<int:pk>/walk-ins/", windows.walk_in, name="walk_in"),
    path("windows/<int:pk>/duties/", windows.duty, name="duty"),
    path("places/<int:pk>/", places.place_services, name="place"),
    path("matrix/", places.matrix, name="matrix"),
    path("clusters/", places.clusters, name="clusters"),
    path("formats/", places.formats, name="formats"),
    path("circle/", places.circle, name="circle"),
    path("my-centre/", places.my_circle, name="my_circle"),
]
