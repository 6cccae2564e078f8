"""The points routes against lianxin/points/access.py, as every persona of the cast and as a shop's staff
(whom the cast does not have): the full matrix runs every app's table; this one also checks the routes
written by capability answer right for the role granted it."""

from types import SimpleNamespace

import pytest

from lianxin.points import access
from tests.test_authorization_matrix import routes_requested_as

pytestmark = pytest.mark.django_db


def test_the_points_table_holds_for_the_cast_and_for_shop_staff(world, cast, shop):
    w = SimpleNamespace(world=world, cast=cast)
    wrong = [line for user in [*cast, shop.staff] for line in routes_requested_as(user, w, access.ACCESS)]
    assert wrong == []
