"""The authorization matrix of the talent pages and API (lianxin.core.access), one dict per part."""

from lianxin.talent.access_pool import ACCESS as POOL
from lianxin.talent.access_reserves import ACCESS as RESERVES

ACCESS: dict = {**POOL, **RESERVES}
