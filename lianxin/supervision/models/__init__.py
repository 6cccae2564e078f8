# Every model of the app, imported here: other apps import from lianxin.supervision.models.
# Two helpers' parts: each part's models live in its own module.
from lianxin.supervision.models.letters import *  # noqa: F403
from lianxin.supervision.models.tasks import *  # noqa: F403
