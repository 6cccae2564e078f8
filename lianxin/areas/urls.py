from django.urls import path

from lianxin.areas import (
    views,
    views_edit,
    views_estate,
    views_facts,
    views_households,
    views_places,
    views_property,
    views_restructuring,
    views_tree,
)

app_name = "areas"
urlpatterns = [
    path("", views.area_browse, name="index"),
    path("<int:pk>/", views.area_detail, name="detail"),
    path("<int:pk>/households/", views.area_households, name="households"),
    path("<int:pk>/posts/", views.area_posts, name="posts"),
    path("<int:pk>/estate/", views_estate.estate_facts, name="estate_facts"),
    path("<int:pk>/facts/", views_facts.area_facts_page, name="facts"),
    path("<int:pk>/new/", views_tree.area_add_view, name="add"),
    path("<int:pk>/move/", views_tree.area_move_view, name="move"),
    path("<int:pk>/edit/", views_edit.area_edit, name="edit"),
    path("<int:pk>/property/", views_property.estate_property, name="property"),
    path("<int:pk>/member-households/", views_households.member_households, name="member_households"),
    path("<int:pk>/liaisons/", views_households.liaisons, name="liaisons"),
    path("<int:pk>/places/new/", views_places.place_create, name="place_create"),
    path("places/map/", views_places.place_map, name="place_map"),
    path("places/<int:pk>/", views_places.place_detail, name="place"),
    path("places/<int:pk>/edit/", views_places.place_edit, name="place_edit"),
    path(
        "places/<int:pk>/activities/new/",
        views_places.place_activity_create,
        name="place_activity_create",
    ),
    path("<int:pk>/restructure/", views_restructuring.restructure, name="restructure"),
    path(
        "restructurings/<int:pk>/approval/",
        views_restructuring.restructuring_approval,
        name="restructuring_approval",
    ),
]
