from django.urls import path

from lianxin.deliberation.views import meetings, oversight, topics

app_name = "deliberation"

urlpatterns = [
    path("", topics.home, name="home"),
    path("topics/<int:pk>/", topics.topic, name="topic"),
    path("topics/<int:pk>/second/", topics.topic_second, name="topic_second"),
    path("topics/<int:pk>/agenda/", topics.topic_agenda, name="topic_agenda"),
    path("topics/<int:pk>/outcome/", topics.topic_outcome, name="topic_outcome"),
    path("meetings/", meetings.meetings, name="meetings"),
    path("meetings/export.xlsx", meetings.meetings_export, name="meetings_export"),
    path("meetings/new/", meetings.meeting_new, name="meeting_new"),
    path("meetings/<int:pk>/", meetings.meeting, name="meeting"),
    path("meetings/<int:pk>/matters/", meetings.matter_add, name="matter_add"),
    path("meetings/<int:pk>/votes/", meetings.vote_add, name="vote_add"),
    path("meetings/<int:pk>/decisions/", meetings.decision_add, name="decision_add"),
    path("missed/", oversight.missed, name="missed"),
    path("forums/", oversight.forums, name="forums"),
    path("rota/", oversight.rota, name="rota"),
]
