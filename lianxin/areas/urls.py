from django.urls import path

from lianxin.areas import views, views_estate, views_tree

app_name = "areas"
urlpatterns = [
    path("", views.area_browse, name="index"),
    path("<int:pk>/", views.area_detail, name="detail"),
    path("<int:pk>/households/", views.area_households, name="households"),
    path("<int:pk>/posts/", views.area_posts, name="posts"),
    path("<int:pk>/estate/", views_estate.estate_facts, name="estate_facts"),
    path("<int:pk>/new/", views_tree.area_add_view, name="add"),
    path("<int:pk>/move/", views_tree.area_move_view, name="move"),
]
