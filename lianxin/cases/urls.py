from django.urls import path

from lianxin.cases.views import care_visits, detail, lists, photos, report, staff, visit_list, visits

app_name = "cases"
urlpatterns = [
    path("", staff.staff_queue, name="staff_queue"),
    path("dispatch/", staff.bulk_dispatch, name="bulk_dispatch"),
    path("report/", report.report, name="report"),
    path("report/fields/", report.report_extra_fields, name="report_fields"),
    path("snapshot/", report.snapshot, name="snapshot"),
    path("mine/", lists.my_cases, name="mine"),
    path("todo/", lists.my_todo, name="queue"),
    path("visits/", visits.visits, name="visits"),
    path("visits/list/", visit_list.visit_list_view, name="visit_list"),
    path("visits/care/", care_visits.care_visits, name="care_visits"),
    path("<int:pk>/", detail.case_detail, name="detail"),
    path("<int:pk>/steps/<slug:name>/", detail.case_step, name="step"),
    path("photos/", report.photo_upload, name="photo_upload"),
    path("photos/<int:pk>/", photos.photo_view, name="photo"),
    path("photos/<int:pk>/thumbnail/", photos.photo_view, {"thumbnail": True}, name="photo_thumbnail"),
]
