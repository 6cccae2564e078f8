"""The standards part's pages (included by urls.py, namespace assessment)."""

from django.urls import path

from lianxin.assessment.views import standards as views

urlpatterns: list = [
    path("stars/", views.stars, name="stars"),
    path("stars/export/", views.stars_export, name="stars_export"),
    path("stars/org/<int:pk>/", views.star_history, name="star_history"),
    path("standards-config/", views.standards_config, name="standards_config"),
    path("member-stars/", views.member_stars, name="member_stars"),
    path("member-stars/export/", views.member_stars_export, name="member_stars_export"),
    path("weak-orgs/", views.weak_orgs, name="weak_orgs"),
    path("weak-orgs/export/", views.weak_orgs_export, name="weak_orgs_export"),
    path("weak-orgs/<int:pk>/", views.weak_org, name="weak_org"),
    path("weak-orgs/<int:pk>/remove/", views.weak_org_remove, name="weak_org_remove"),
    path("checklists/", views.checklists, name="checklists"),
    path("checklists/export/", views.checklists_export, name="checklists_export"),
    path("honours/", views.honours, name="honours"),
    path("honours/export/", views.honours_export, name="honours_export"),
    path("brands/", views.brands, name="brands"),
    path("brands/export/", views.brands_export, name="brands_export"),
    path("campaigns/", views.campaigns, name="campaigns"),
    path("campaigns/<int:pk>/", views.campaign, name="campaign"),
    path("campaigns/<int:pk>/export/", views.campaign_export, name="campaign_export"),
    path("shared-practices/", views.practice_boards, name="practice_boards"),
    path("shared-practices/<int:pk>/", views.practice_board, name="practice_board"),
]
