from django.urls import path

from lianxin.party import views, views_chains, views_manage, views_street

app_name = "party"
urlpatterns = [
    path("", views.party_tree, name="index"),
    path("<int:pk>/", views.party_org_detail, name="detail"),
    # Setting up and keeping organisations, members and what hangs on them (views_manage).
    path("new/", views_manage.org_create, name="create"),
    path("<int:pk>/edit/", views_manage.org_edit, name="edit"),
    path("<int:pk>/notice/", views_manage.org_notice, name="notice"),
    path("<int:pk>/members/new/", views_manage.membership_create, name="membership_create"),
    path("memberships/<int:pk>/edit/", views_manage.membership_edit, name="membership_edit"),
    path("<int:pk>/member-posts/new/", views_manage.member_post_create, name="member_post_create"),
    path("member-posts/", views_manage.member_post_list, name="member_posts"),
    path("member-posts/<int:pk>/end/", views_manage.member_post_end, name="member_post_end"),
    path("chains/", views_manage.chain_list, name="chains"),
    path("chains/new/", views_manage.chain_create, name="chain_create"),
    path("chains/<int:pk>/edit/", views_manage.chain_edit, name="chain_edit"),
    path("studios/", views_manage.studio_list, name="studios"),
    path("studios/new/", views_manage.studio_create, name="studio_create"),
    path("studios/<int:pk>/mentees/", views_manage.studio_mentee_create, name="studio_mentee_create"),
    path("studios/mentees/<int:pk>/end/", views_manage.studio_mentee_end, name="studio_mentee_end"),
    path("property-companies/", views_manage.property_company_list, name="property_companies"),
    path("property-companies/<int:pk>/key/", views_manage.key_company_toggle, name="key_company_toggle"),
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
    # A street's working committee → party-building office → party service centre (P002-47).
    path("streets/<int:pk>/structure/", views_street.street_structure_page, name="street_structure"),
    path("streets/<int:pk>/structure/office/", views_street.street_office_create, name="street_office"),
    path("streets/<int:pk>/structure/centre/", views_street.street_centre_set, name="street_centre"),
    path("streets/<int:pk>/structure/staff/", views_street.street_staff_add, name="street_staff"),
]
