"""The rural app's routers, mounted under /api/v1/ by lianxin/api.py: (prefix, router) pairs."""

from lianxin.rural.api.clusters_routers import ROUTERS as CLUSTERS
from lianxin.rural.api.coops_routers import ROUTERS as COOPS
from lianxin.rural.api.industry_routers import ROUTERS as INDUSTRY
from lianxin.rural.api.land_routers import ROUTERS as LAND
from lianxin.rural.api.pools_routers import ROUTERS as POOLS

ROUTERS: list = [*CLUSTERS, *POOLS, *INDUSTRY, *COOPS, *LAND]
