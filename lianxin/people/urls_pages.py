from django.urls import path

from lianxin.people import (
    views_accounts,
    views_mydata,
    views_pages,
    views_posts,
    views_staff_category,
    views_support,
)

app_name = "people"
urlpatterns = [
    path("", views_pages.person_search, name="search"),
    path("corrections/", views_mydata.correction_list, name="corrections"),
    path("corrections/<int:pk>/", views_mydata.correction_handle, name="correction_handle"),
    path("<int:pk>/", views_pages.person_detail, name="detail"),
    path("landless/", views_support.landless_list, name="landless"),
    path("<int:pk>/support/", views_support.support_create, name="support_create"),
    path("posts/<int:pk>/edit/", views_posts.post_edit, name="post_edit"),
    path("<int:pk>/reveal/", views_pages.person_reveal_view, name="reveal"),
    path("posts/<int:pk>/category/", views_staff_category.category_change, name="category_change"),
    path("<int:pk>/send-down/", views_staff_category.send_down, name="send_down"),
    path("<int:pk>/posts/new/", views_staff_category.post_appoint_view, name="post_appoint"),
    path("posts/<int:pk>/end/", views_staff_category.post_end_view, name="post_end"),
    path("<int:pk>/badge/", views_staff_category.party_badge, name="party_badge"),
    path("<int:pk>/account/", views_accounts.account_link_view, name="account_link"),
]
