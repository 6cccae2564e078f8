from django.urls import path

from lianxin.party.views import coverage, mobile

app_name = "coverage"
urlpatterns = [
    path("", coverage.report, name="report"),
    path("estates/<int:pk>/branch/", coverage.branch_create, name="branch_create"),
    path("report.xlsx", coverage.report_xlsx, name="report_xlsx"),
    path("figures/", coverage.figures, name="figures"),
    path("figures.xlsx", coverage.figures_xlsx, name="figures_xlsx"),
    path("mobile-members/", mobile.mobile_member_list, name="mobile_members"),
]
