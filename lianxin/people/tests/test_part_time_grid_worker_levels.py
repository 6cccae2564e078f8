"""Couriers and riders appointed part-time grid workers (骑手担任兼职网格员, P001-47) over a street or a
community (or a township or village): the post sits on one of those levels, nowhere else."""

import pytest

from lianxin.core.errors_domain import DomainError
from lianxin.people.appointments import post_appoint
from lianxin.people.models import Person
from lianxin.people.roles import Role

pytestmark = pytest.mark.django_db


def _rider(world):
    return Person.objects.filter(area_path__startswith=world.communities[0].path).order_by("id").first()


def test_a_rider_may_be_a_part_time_grid_worker_over_a_street(cast, world):
    post = post_appoint(
        actor=cast.county_admin, person=_rider(world), role=Role.PART_TIME_GRID_WORKER, area=world.streets[0]
    )
    assert post.area == world.streets[0]


def test_not_over_an_estate(cast, world):
    with pytest.raises(DomainError):
        post_appoint(
            actor=cast.county_admin,
            person=_rider(world),
            role=Role.PART_TIME_GRID_WORKER,
            area=world.estates[0],
        )
