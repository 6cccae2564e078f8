"""The scoring part's pages (included by urls.py, namespace assessment)."""

from django.urls import path

from lianxin.assessment.views import scoring as views

urlpatterns: list = [
    path("schemes/", views.schemes, name="schemes"),
    path("schemes/<int:pk>/", views.scheme, name="scheme"),
    path("schemes/<int:pk>/export/", views.scheme_export, name="scheme_export"),
    path("results/", views.results, name="results"),
    path("results/export/", views.results_export, name="results_export"),
    path("fees/", views.fees, name="fees"),
    path("fees/export/", views.fees_export, name="fees_export"),
    path("five-haves/", views.five_haves, name="five_haves"),
    path("five-haves/export/", views.five_haves_export, name="five_haves_export"),
    path("reviews/", views.reviews, name="reviews"),
    path("reviews/<int:pk>/", views.review, name="review"),
    path("reviews/<int:pk>/export/", views.review_export, name="review_export"),
    path("secretaries/<int:pk>/", views.secretary_file, name="secretary_file"),
    path("units/<int:pk>/", views.unit_file, name="unit_file"),
    path("survey/", views.survey, name="survey"),
]
