"""The rural app's pages: each part's."""

from lianxin.rural.urls_clusters import urlpatterns as clusters_urls
from lianxin.rural.urls_coops import urlpatterns as coops_urls
from lianxin.rural.urls_industry import urlpatterns as industry_urls
from lianxin.rural.urls_land import urlpatterns as land_urls
from lianxin.rural.urls_pools import urlpatterns as pools_urls

app_name = "rural"

urlpatterns = [*clusters_urls, *pools_urls, *industry_urls, *coops_urls, *land_urls]
