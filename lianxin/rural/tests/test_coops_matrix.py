"""The coops part's routes (access_coops.py) requested as every demo role (the project's authorization
matrix runs them all under -m matrix; these run every time)."""

import pytest

from lianxin.core.access import ALL_ROLES
from lianxin.rural.access_coops import ACCESS
from tests.test_authorization_matrix import routes_requested_as, w  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def test_coops_routes_answer_each_role_as_declared(w):  # noqa: F811
    wrong = []
    for role in sorted(ALL_ROLES):
        wrong += [f"{role}: {line}" for line in routes_requested_as(w.cast[role], w, ACCESS)]
    assert wrong == [], "\n".join(wrong)
