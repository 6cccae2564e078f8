# Every model of the app, imported here: other apps import from lianxin.assessment.models.
# Two helpers' parts: each part's models live in its own module.
from lianxin.assessment.models.scoring import *  # noqa: F403
from lianxin.assessment.models.standards import *  # noqa: F403
