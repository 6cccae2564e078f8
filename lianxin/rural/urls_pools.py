"""The pools part's pages (/rural/pools/…, namespace "rural")."""

from django.urls import path

from lianxin.rural.views import pools as views

urlpatterns: list = [
    path("pools/", views.pools, name="pools"),
    path("pools/funds.xlsx", views.funds_export, name="pools_funds_export"),
    path("pools/funds/<int:pk>/", views.fund, name="pools_fund"),
    path("pools/funds/<int:pk>/entries.xlsx", views.entries_export, name="pools_entries_export"),
    path("pools/commitments/", views.commitments, name="pools_commitments"),
    path("pools/commitments.xlsx", views.commitments_export, name="pools_commitments_export"),
    path("pools/commitments/<int:pk>/", views.commitment, name="pools_commitment"),
    path("pools/clusters/<int:pk>/", views.cluster, name="pools_cluster"),
    path("pools/clusters/<int:pk>/cadres.xlsx", views.roster_export, name="pools_roster_export"),
    path("pools/schemes/<int:pk>/", views.scheme, name="pools_scheme"),
    path("pools/activities/<int:pk>/", views.activity, name="pools_activity"),
]
