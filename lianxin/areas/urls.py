from django.urls import path

from lianxin.areas.views import (
    areas,
    edit,
    estate,
    facts,
    households,
    places,
    property,
    restructuring,
    tree,
)

app_name = "areas"
urlpatterns = [
    path("", areas.area_browse, name="index"),
    path("<int:pk>/", areas.area_detail, name="detail"),
    path("<int:pk>/households/", areas.area_households, name="households"),
    path("<int:pk>/posts/", areas.area_posts, name="posts"),
    path("<int:pk>/estate/", estate.estate_facts, name="estate_facts"),
    path("<int:pk>/facts/", facts.area_facts_page, name="facts"),
    path("<int:pk>/new/", tree.area_add_view, name="add"),
    path("<int:pk>/move/", tree.area_move_view, name="move"),
    path("<int:pk>/edit/", edit.area_edit, name="edit"),
    path("<int:pk>/property/", property.estate_property, name="property"),
    path("<int:pk>/member-households/", households.member_households, name="member_households"),
    path("<int:pk>/liaisons/", households.liaisons, name="liaisons"),
    path("<int:pk>/places/new/", places.place_create, name="place_create"),
    path("places/map/", places.place_map, name="place_map"),
    path("places/nearby/", places.places_nearby, name="places_nearby"),
    path("places/<int:pk>/", places.place_detail, name="place"),
    path("places/<int:pk>/edit/", places.place_edit, name="place_edit"),
    path(
        "places/<int:pk>/activities/new/",
        places.place_activity_create,
        name="place_activity_create",
    ),
    path("<int:pk>/restructure/", restructuring.restructure, name="restructure"),
    path(
        "restructurings/<int:pk>/approval/",
        restructuring.restructuring_approval,
        name="restructuring_approval",
    ),
]
