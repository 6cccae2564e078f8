"""The authorization matrix of the supervision pages and API (lianxin.core.access), one dict per part."""

from lianxin.supervision.access_letters import ACCESS as LETTERS
from lianxin.supervision.access_tasks import ACCESS as TASKS

ACCESS: dict = {**TASKS, **LETTERS}
