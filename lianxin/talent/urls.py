"""The talent app's pages: each part's."""

from lianxin.talent.urls_pool import urlpatterns as pool_urls
from lianxin.talent.urls_reserves import urlpatterns as reserves_urls

app_name = "talent"

urlpatterns = [*pool_urls, *reserves_urls]
