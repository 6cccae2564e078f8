"""The authorization matrix of the assessment pages and API (lianxin.core.access), one dict per part."""

from lianxin.assessment.access_scoring import ACCESS as SCORING
from lianxin.assessment.access_standards import ACCESS as STANDARDS

ACCESS: dict = {**SCORING, **STANDARDS}
