from django.urls import path

from lianxin.people.views import (
    accounts,
    mydata,
    persons,
    posts,
    staff_category,
    support,
)

app_name = "people"
urlpatterns = [
    path("", persons.person_search, name="search"),
    path("corrections/", mydata.correction_list, name="corrections"),
    path("corrections/<int:pk>/", mydata.correction_handle, name="correction_handle"),
    path("<int:pk>/", persons.person_detail, name="detail"),
    path("landless/", support.landless_list, name="landless"),
    path("<int:pk>/support/", support.support_create, name="support_create"),
    path("posts/<int:pk>/edit/", posts.post_edit, name="post_edit"),
    path("<int:pk>/reveal/", persons.person_reveal_view, name="reveal"),
    path("posts/<int:pk>/category/", staff_category.category_change, name="category_change"),
    path("<int:pk>/send-down/", staff_category.send_down, name="send_down"),
    path("<int:pk>/posts/new/", staff_category.post_appoint_view, name="post_appoint"),
    path("posts/<int:pk>/end/", staff_category.post_end_view, name="post_end"),
    path("<int:pk>/badge/", staff_category.party_badge, name="party_badge"),
    path("<int:pk>/account/", accounts.account_link_view, name="account_link"),
]
