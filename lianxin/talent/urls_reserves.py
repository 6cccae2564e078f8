"""The reserves part's pages (namespace talent): the reserve pool, candidates, selections, programmes."""

from django.urls import path

from lianxin.talent.views import reserves

urlpatterns: list = [
    path("reserves/", reserves.reserve_list, name="reserves"),
    path("reserves/export/", reserves.reserve_export, name="reserves_export"),
    path("reserves/<int:pk>/", reserves.reserve_detail, name="reserve"),
    path("candidates/", reserves.candidate_list, name="candidates"),
    path("candidates/<int:pk>/", reserves.candidate_detail, name="candidate"),
    path("selections/", reserves.selection_list, name="selections"),
    path("programmes/", reserves.programme_list, name="programmes"),
    path("programmes/<int:pk>/", reserves.programme_detail, name="programme"),
]
