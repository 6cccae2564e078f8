"""The pool part's pages."""

from django.urls import path

from lianxin.talent.views import pool as views

urlpatterns: list = [
    path("", views.talent_list, name="talents"),
    path("<int:pk>/", views.talent_detail, name="talent"),
    path("<int:pk>/visit/", views.talent_visit, name="talent_visit"),
    path("<int:pk>/return/", views.talent_return, name="talent_return"),
    path("channels/", views.channel_list, name="channels"),
    path("needs/", views.need_list, name="needs"),
    path("needs/<int:pk>/", views.need_detail, name="need"),
    path("needs/<int:pk>/contact/", views.need_contact, name="need_contact"),
    path("events/", views.event_list, name="events"),
    path("events/<int:pk>/", views.event_detail, name="event"),
    path("events/<int:pk>/invite/", views.event_invite, name="event_invite"),
    path("events/<int:pk>/attendance/", views.event_attendance, name="event_attendance"),
    path("returns/", views.return_list, name="returns"),
    path("returns/<int:pk>/", views.return_detail, name="return"),
    path("returns/<int:pk>/follow-up/", views.return_followup, name="return_followup"),
    path("returns/<int:pk>/post/", views.return_post, name="return_post"),
    path("follow-ups-due/", views.followups_due, name="followups_due"),
    path("engagements/", views.engagement_list, name="engagements"),
    path("my-village/", views.my_village, name="my_village"),
]
