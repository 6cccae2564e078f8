from django.urls import path

from lianxin.party import views, views_chains

app_name = "party"
urlpatterns = [
    path("", views.party_tree, name="index"),
    path("<int:pk>/", views.party_org_detail, name="detail"),
    path("<int:pk>/departments/", views_chains.sector_departments, name="sector_departments"),
    path("<int:pk>/departments/add/", views_chains.sector_department_add, name="sector_department_add"),
    path("alliances/", views_chains.alliance_list, name="alliances"),
    path("alliances/<int:pk>/", views_chains.alliance_detail, name="alliance_detail"),
    path("alliances/<int:pk>/category/", views_chains.alliance_category, name="alliance_category"),
    path("alliances/<int:pk>/segments/", views_chains.alliance_segment_add, name="alliance_segment_add"),
    path("alliances/<int:pk>/members/", views_chains.alliance_member_add, name="alliance_member_add"),
    path(
        "alliances/<int:pk>/members/<int:member_pk>/segment/",
        views_chains.alliance_member_place,
        name="alliance_member_place",
    ),
    path("couriers/", views_chains.courier_links, name="courier_links"),
    path("couriers/link/", views_chains.courier_link_set, name="courier_link_set"),
]
