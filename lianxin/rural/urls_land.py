"""The land part's pages (namespace rural): collective income, its import, land."""

from django.urls import path

from lianxin.rural.views import land

urlpatterns: list = [
    path("income/", land.income, name="income"),
    path("income/<int:pk>/", land.income_year, name="income_year"),
    path("income/import/", land.income_import, name="income_import"),
    path("income/per-capita/", land.per_capita, name="income_per_capita"),
    path("land/", land.land, name="land"),
    path("land/farmland/", land.farmland_add, name="land_farmland"),
    path("land/contracts/", land.contract_add, name="land_contract_add"),
    path("land/contracts/<int:pk>/", land.contract_detail, name="land_contract"),
    path("land/consolidations/", land.consolidation_add, name="land_consolidation"),
]
