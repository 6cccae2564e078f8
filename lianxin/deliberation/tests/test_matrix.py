"""The deliberation routes answer each demo account as lianxin/deliberation/access.py declares (the project's
matrix test, run over this app's table only)."""

import pytest

from lianxin.core.access import ALL_ROLES
from lianxin.deliberation.access import ACCESS
from tests.test_authorization_matrix import routes_requested_as

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", sorted(ALL_ROLES))
def test_each_role_gets_what_the_table_declares(world, cast, role):
    from types import SimpleNamespace

    wrong = routes_requested_as(cast[role], SimpleNamespace(world=world, cast=cast), ACCESS)
    assert wrong == [], "\n".join(wrong)


def test_every_route_of_the_app_is_declared():
    from lianxin.core.access import routes

    mine = {route for route, _ in routes() if route.startswith("deliberation/")}
    mine |= {
        route
        for route, _ in routes()
        if route.startswith(("api/v1/meetings/", "api/v1/topics/", "api/v1/meeting-kinds/"))
    }
    assert mine and mine <= set(ACCESS)
