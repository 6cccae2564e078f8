"""The activity routes of volunteering/access.py requested as every demo role (the project's authorization
matrix, tests/test_authorization_matrix.py, runs them all under -m matrix; these few run every time)."""

import pytest

from lianxin.core.access import ALL_ROLES
from lianxin.volunteering.access import ACCESS
from tests.test_authorization_matrix import routes_requested_as, w  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db

MINE = {
    route: rule
    for route, rule in ACCESS.items()
    if "activities" in route or route.endswith(("hours/", "training/"))
}


@pytest.mark.parametrize("role", sorted(ALL_ROLES))
def test_activity_routes_answer_each_role_as_declared(w, role):  # noqa: F811
    assert len(MINE) == 23
    wrong = routes_requested_as(w.cast[role], w, MINE)
    assert wrong == [], "\n".join(wrong)
