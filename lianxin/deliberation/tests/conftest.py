import pytest

from lianxin.deliberation.seeds import meeting_kinds_ensure
from lianxin.supervision.categories import task_categories_ensure


@pytest.fixture(autouse=True)
def _seeded(db):
    meeting_kinds_ensure()
    task_categories_ensure()
