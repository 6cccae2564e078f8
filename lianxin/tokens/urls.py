from django.urls import path

from lianxin.tokens import views

urlpatterns = [
    path("", views.token_list, name="token_list"),
    path("<int:pk>/revoke/", views.token_revoke_view, name="token_revoke"),
]
