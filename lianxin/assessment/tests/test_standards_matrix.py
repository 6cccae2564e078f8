"""The standards part's routes (access_standards.py) requested as every demo role, and as the two issue-22
accounts (the project's authorization matrix runs them all under -m matrix; these run every time)."""

import pytest

from lianxin.assessment.access_standards import ACCESS
from lianxin.core.access import ALL_ROLES
from tests.test_authorization_matrix import routes_requested_as, w  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", sorted(ALL_ROLES | {"county_leader", "reviewer"}))
def test_standards_routes_answer_each_role_as_declared(w, role):  # noqa: F811
    assert len(ACCESS) == 43
    wrong = routes_requested_as(w.cast[role], w, ACCESS)
    assert wrong == [], "\n".join(wrong)
