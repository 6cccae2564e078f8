from django.urls import path

from lianxin.party import views

app_name = "party"
urlpatterns = [
    path("", views.party_tree, name="index"),
    path("<int:pk>/", views.party_org_detail, name="detail"),
]
