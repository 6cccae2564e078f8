"""The authorization matrix of the rural pages and API (lianxin.core.access), one dict per part."""

from lianxin.rural.access_clusters import ACCESS as CLUSTERS
from lianxin.rural.access_coops import ACCESS as COOPS
from lianxin.rural.access_industry import ACCESS as INDUSTRY
from lianxin.rural.access_land import ACCESS as LAND
from lianxin.rural.access_pools import ACCESS as POOLS

ACCESS: dict = {**CLUSTERS, **POOLS, **INDUSTRY, **COOPS, **LAND}
