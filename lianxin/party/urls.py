from django.urls import path

from lianxin.party.views import alliance_lists, chains, manage, orgs, street

app_name = "party"
urlpatterns = [
    path("", orgs.party_tree, name="index"),
    path("<int:pk>/", orgs.party_org_detail, name="detail"),
    # Setting up and keeping organisations, members and what hangs on them (views/manage.py).
    path("new/", manage.org_create, name="create"),
    path("<int:pk>/edit/", manage.org_edit, name="edit"),
    path("<int:pk>/notice/", manage.org_notice, name="notice"),
    path("<int:pk>/members/new/", manage.membership_create, name="membership_create"),
    path("memberships/<int:pk>/edit/", manage.membership_edit, name="membership_edit"),
    path("<int:pk>/member-posts/new/", manage.member_post_create, name="member_post_create"),
    path("member-posts/", manage.member_post_list, name="member_posts"),
    path("member-posts/<int:pk>/end/", manage.member_post_end, name="member_post_end"),
    path("chains/", manage.chain_list, name="chains"),
    path("chains/new/", manage.chain_create, name="chain_create"),
    path("chains/<int:pk>/edit/", manage.chain_edit, name="chain_edit"),
    path("studios/", manage.studio_list, name="studios"),
    path("studios/new/", manage.studio_create, name="studio_create"),
    path("studios/<int:pk>/mentees/", manage.studio_mentee_create, name="studio_mentee_create"),
    path("studios/mentees/<int:pk>/end/", manage.studio_mentee_end, name="studio_mentee_end"),
    path("property-companies/", manage.property_company_list, name="property_companies"),
    path("property-companies/<int:pk>/key/", manage.key_company_toggle, name="key_company_toggle"),
    path("<int:pk>/departments/", chains.sector_departments, name="sector_departments"),
    path("<int:pk>/departments/add/", chains.sector_department_add, name="sector_department_add"),
    path("alliances/", chains.alliance_list, name="alliances"),
    path("alliances/<int:pk>/", chains.alliance_detail, name="alliance_detail"),
    # The alliance's demand, resource and project lists (views/alliance_lists.py).
    path("alliance-lists/", alliance_lists.alliance_lists_home, name="alliance_lists_home"),
    path("alliances/<int:pk>/lists/", alliance_lists.alliance_lists, name="alliance_lists"),
    path("alliances/<int:pk>/lists/demands/", alliance_lists.demand_add, name="alliance_demand_add"),
    path("alliances/<int:pk>/lists/offers/", alliance_lists.offer_add, name="alliance_offer_add"),
    path(
        "alliances/<int:pk>/lists/offers/<int:offer_pk>/active/",
        alliance_lists.offer_active,
        name="alliance_offer_active",
    ),
    path(
        "alliances/<int:pk>/lists/demands/<int:demand_pk>/match/",
        alliance_lists.demand_match,
        name="alliance_demand_match",
    ),
    path(
        "alliances/<int:pk>/lists/demands/<int:demand_pk>/deal/",
        alliance_lists.deal_add,
        name="alliance_deal_add",
    ),
    path("alliances/<int:pk>/category/", chains.alliance_category, name="alliance_category"),
    path("alliances/<int:pk>/segments/", chains.alliance_segment_add, name="alliance_segment_add"),
    path("alliances/<int:pk>/members/", chains.alliance_member_add, name="alliance_member_add"),
    path(
        "alliances/<int:pk>/members/<int:member_pk>/segment/",
        chains.alliance_member_place,
        name="alliance_member_place",
    ),
    path("couriers/", chains.courier_links, name="courier_links"),
    path("couriers/link/", chains.courier_link_set, name="courier_link_set"),
    # A street's working committee → party-building office → party service centre (P002-47).
    path("streets/<int:pk>/structure/", street.street_structure_page, name="street_structure"),
    path("streets/<int:pk>/structure/office/", street.street_office_create, name="street_office"),
    path("streets/<int:pk>/structure/centre/", street.street_centre_set, name="street_centre"),
    path("streets/<int:pk>/structure/staff/", street.street_staff_add, name="street_staff"),
]
