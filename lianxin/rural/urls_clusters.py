"""The clusters part's pages (docs/rural/clusters.md)."""

from django.urls import path

from lianxin.rural.views import clusters as views

urlpatterns: list = [
    path("", views.overview, name="overview"),
    path("clusters.xlsx", views.overview_xlsx, name="overview_xlsx"),
    path("clusters/new/", views.cluster_new, name="cluster_new"),
    path("clusters/<int:pk>/", views.cluster_page, name="cluster"),
    path("committees/", views.committees, name="committees"),
    path("committees/<int:pk>/", views.committee_page, name="committee"),
    path("task-force/", views.task_force, name="task_force"),
    path("my-cluster/", views.my_cluster, name="my_cluster"),
]
