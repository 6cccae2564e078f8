"""The pool part's routes (talent/access_pool.py) requested as every demo role (the project's authorization
matrix, tests/test_authorization_matrix.py, runs them all under -m matrix; these run every time)."""

import pytest

from lianxin.core.access import ALL_ROLES
from lianxin.talent.access_pool import ACCESS
from tests.test_authorization_matrix import routes_requested_as, w  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", sorted(ALL_ROLES))
def test_pool_routes_answer_each_role_as_declared(w, role):  # noqa: F811
    assert len(ACCESS) == 33
    wrong = routes_requested_as(w.cast[role], w, ACCESS)
    assert wrong == [], "\n".join(wrong)
