"""The talent app's routers, mounted under /api/v1/ by lianxin/api.py: (prefix, router) pairs."""

from lianxin.talent.api.pool_routers import ROUTERS as POOL
from lianxin.talent.api.reserves_routers import ROUTERS as RESERVES

ROUTERS: list = [*POOL, *RESERVES]
