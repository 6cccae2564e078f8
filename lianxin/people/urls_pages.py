from django.urls import path

from lianxin.people import views_pages

app_name = "people"
urlpatterns = [
    path("", views_pages.person_search, name="search"),
    path("<int:pk>/", views_pages.person_detail, name="detail"),
    path("<int:pk>/reveal/", views_pages.person_reveal_view, name="reveal"),
]
