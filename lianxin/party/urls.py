from django.urls import path

from lianxin.party import views, views_manage

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
]
