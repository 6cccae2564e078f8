from django.urls import path

from lianxin.party import views_coverage, views_mobile

app_name = "coverage"
urlpatterns = [
    path("", views_coverage.report, name="report"),
    path("estates/<int:pk>/branch/", views_coverage.branch_create, name="branch_create"),
    path("report.xlsx", views_coverage.report_xlsx, name="report_xlsx"),
    path("figures/", views_coverage.figures, name="figures"),
    path("figures.xlsx", views_coverage.figures_xlsx, name="figures_xlsx"),
    path("mobile-members/", views_mobile.mobile_member_list, name="mobile_members"),
]
