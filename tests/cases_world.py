"""The case loop's test places and clock, over the small world and its cast (tests/personas.py).

Fixtures ``clock`` and ``places`` are registered in the root conftest; ``category(code)`` and
``department(code, area)`` are plain helpers to import.
"""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from lianxin.areas.models import Area, Level
from lianxin.cases import clock as case_clock
from lianxin.cases.models import Category
from lianxin.core.scope import under
from lianxin.people.models import Department, Post
from lianxin.people.roles import Role

SHANGHAI = ZoneInfo("Asia/Shanghai")
# A Monday morning in working hours: every time limit in these tests counts from here.
MONDAY_10 = datetime(2026, 11, 30, 10, 0, tzinfo=SHANGHAI)


class Clock:
    def __init__(self, start):
        self.now = start
        case_clock.set_now(start)

    def set(self, moment):
        self.now = moment
        case_clock.set_now(moment)

    def advance(self, **delta):
        from datetime import timedelta

        self.set(self.now + timedelta(**delta))


@pytest.fixture
def clock():
    c = Clock(MONDAY_10)
    yield c
    case_clock.set_now(None)


@dataclass
class Places:
    building: Area  # the building captain's building, where the resident lives
    estate: Area  # the grid worker's estate (its property company is the property_staff's)
    community: Area
    street: Area
    other_estate: Area  # another estate of the same community
    other_community_estate: Area  # an estate of another street
    village: Area


def category(code: str) -> Category:
    return Category.objects.get(code=code)


def department(code: str, area=None) -> Department:
    qs = Department.objects.filter(code=code)
    if area is not None:
        qs = qs.filter(area=area)
    return qs.first()


@pytest.fixture
def places(cast, world) -> Places:
    building = Post.objects.get(person=cast.building_captain.person, role=Role.BUILDING_CAPTAIN).area
    estate = Post.objects.get(person=cast.grid_worker.person, role=Role.GRID_WORKER).area
    community = Area.objects.get_parent(estate)
    street = Area.objects.get_parent(community)
    other_estate = (
        Area.objects.filter(under("path", community.path), level=Level.ESTATE).exclude(pk=estate.pk).first()
    )
    other_street = [s for s in world.streets if s.pk != street.pk][0]
    other_community_estate = Area.objects.filter(under("path", other_street.path), level=Level.ESTATE).first()
    return Places(
        building=building,
        estate=estate,
        community=community,
        street=street,
        other_estate=other_estate,
        other_community_estate=other_community_estate,
        village=world.villages[0],
    )
