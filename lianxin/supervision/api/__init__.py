"""The supervision app's routers, mounted under /api/v1/ by lianxin/api.py: (prefix, router) pairs."""

from lianxin.supervision.api.letters_routers import ROUTERS as LETTERS
from lianxin.supervision.api.tasks_routers import ROUTERS as TASKS

ROUTERS: list = [*TASKS, *LETTERS]
