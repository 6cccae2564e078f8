"""The letters part's pages (included by urls.py, namespace supervision)."""

from django.urls import path

from lianxin.party.views import alliance_chairs
from lianxin.supervision.views import inspections, letters, projects

urlpatterns: list = [
    path("letters/", letters.letter_list, name="letters"),
    path("letters/<int:pk>/", letters.letter_detail, name="letter"),
    path("letters/<int:pk>/docx/", letters.letter_word, name="letter_docx"),
    path("letters/<int:pk>/acknowledge/", letters.letter_acknowledge, name="letter_acknowledge"),
    path("letters/<int:pk>/reply/", letters.letter_reply, name="letter_reply"),
    path("interviews/", letters.interview_list, name="interviews"),
    path("interviews/<int:pk>/acknowledge/", letters.interview_acknowledge, name="interview_acknowledge"),
    path("units/<str:kind>/<int:pk>/file/", letters.unit_file, name="unit_file"),
    path("inspections/", inspections.inspection_list, name="inspections"),
    path("inspections/<int:pk>/", inspections.inspection_detail, name="inspection"),
    path("findings/<int:pk>/close/", inspections.finding_close, name="finding_close"),
    path("contact-projects/", projects.project_list, name="contact_projects"),
    path("contact-projects/<int:pk>/", projects.project_detail, name="contact_project"),
    # The alliances' chair, policy list and joint activities (party models; the page lives here so the
    # party app's URL table stays as it is).
    path("alliance-chairs/", alliance_chairs.alliance_chairs, name="alliance_chairs"),
    path(
        "alliance-chairs/<int:pk>/policy-list/",
        alliance_chairs.policy_publish,
        name="alliance_policy_publish",
    ),
    path(
        "alliance-chairs/<int:pk>/joint-activities/",
        alliance_chairs.joint_record,
        name="alliance_joint_record",
    ),
]
