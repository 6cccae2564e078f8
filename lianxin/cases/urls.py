from django.urls import path

from lianxin.cases import views

app_name = "cases"
urlpatterns = [
    path("<int:pk>/", views.case_detail, name="detail"),
    path("photos/<int:pk>/", views.photo_view, name="photo"),
    path("photos/<int:pk>/thumbnail/", views.photo_view, {"thumbnail": True}, name="photo_thumbnail"),
]
