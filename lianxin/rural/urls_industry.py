"""The industry part's pages (included by urls.py, namespace rural)."""

from django.urls import path

from lianxin.rural.views import industry

urlpatterns: list = [
    path("projects/", industry.project_list, name="projects"),
    path("projects/<int:pk>/", industry.project_detail, name="project"),
    path("parks/", industry.park_list, name="parks"),
    path("parks/<int:pk>/", industry.park_detail, name="park"),
    path("brands/", industry.brand_list, name="brands"),
    path("brands/<int:pk>/", industry.brand_detail, name="brand"),
    path("brands/clusters/<int:pk>/", industry.cluster_brand_set, name="cluster_brand_set"),
    path("chains/", industry.chain_links, name="chain_links"),
    path("chains/<int:pk>/links/", industry.chain_links_set, name="chain_links_set"),
    path("training-bases/", industry.training_bases, name="training_bases"),
]
