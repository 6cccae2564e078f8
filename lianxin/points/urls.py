from django.urls import path

from lianxin.points.views import resident, shop

app_name = "points"
urlpatterns = [
    path("", resident.points_home, name="home"),
    path("redeem/", resident.points_redeem, name="redeem"),
    path("shop/", shop.shop_home, name="shop"),
    path("shop/confirm/", shop.shop_confirm, name="shop_confirm"),
]
