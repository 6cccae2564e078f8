"""The coops part's pages."""

from django.urls import path

from lianxin.rural.views import coops as views

urlpatterns: list = [
    path("cooperatives/", views.cooperative_list, name="cooperatives"),
    path("cooperatives/<int:pk>/", views.cooperative_detail, name="cooperative"),
    path("cooperatives/<int:pk>/status/", views.cooperative_status, name="cooperative_status"),
    path("cooperatives/<int:pk>/evidence/", views.cooperative_evidence, name="cooperative_evidence"),
    path("cooperatives/<int:pk>/months/", views.cooperative_month, name="cooperative_month"),
    path("cooperatives/<int:pk>/rewards/", views.cooperative_rewards, name="cooperative_rewards"),
    path("awards/", views.award_list, name="awards"),
    path("evaluations/<int:pk>/", views.evaluation_detail, name="evaluation"),
    path("evaluations/<int:pk>/score/", views.evaluation_score, name="evaluation_score"),
    path("evaluations/<int:pk>/award/", views.evaluation_award, name="evaluation_award"),
    path("cooperative-standards/", views.standard_list, name="standards"),
    path("company-stakes/", views.stake_list, name="stakes"),
    path("conversions/", views.conversion_list, name="conversions"),
    path("conversions/<int:pk>/", views.conversion_detail, name="conversion"),
]
