"""The demo's activities (lianxin/demo/activities.py) on the small world: 重阳节敬老 with 39 sign-ups, 33
sign-ins, 7 couriers paid 25 points each; run again, nothing more is written."""

from decimal import Decimal

import pytest

from lianxin.areas.models import PlaceActivity
from lianxin.demo.activities import TITLE, demo_activities_load
from lianxin.points.models import PointsEntry
from lianxin.rollups.testing import assert_rollup_matches
from lianxin.volunteering.demo import volunteering_demo_ensure
from lianxin.volunteering.models import SignUp
from lianxin.volunteering.services.activities import HOURS

pytestmark = pytest.mark.django_db


def test_demo_activities(cast):
    volunteering_demo_ensure()
    summary = demo_activities_load()
    assert TITLE in summary
    elders = PlaceActivity.objects.get(title=TITLE)
    signups = SignUp.objects.filter(activity=elders)
    assert signups.count() == 39 and elders.participants == 33
    couriers = signups.filter(group="courier", signed_in_at__isnull=False)
    assert couriers.count() == 7
    paid = PointsEntry.objects.filter(account__person__in=couriers.values("person"), source_id=str(elders.pk))
    assert [e.amount for e in paid] == [25] * 7
    assert sum(s.hours for s in couriers) == Decimal("17.5")
    assert_rollup_matches(HOURS)
    entries = PointsEntry.objects.count()
    assert "未重复" in demo_activities_load()
    assert PointsEntry.objects.count() == entries
    assert PlaceActivity.objects.filter(detail__isnull=False).count() == 4
