"""The assessment app's routers, mounted under /api/v1/ by lianxin/api.py: (prefix, router) pairs."""

from lianxin.assessment.api.scoring_routers import ROUTERS as SCORING
from lianxin.assessment.api.standards_routers import ROUTERS as STANDARDS

ROUTERS: list = [*SCORING, *STANDARDS]
