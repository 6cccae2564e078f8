"""The demo's points: the shop, its rewards and a small ledger, loaded once however often load_demo runs."""

import pytest

from lianxin.demo.points import demo_points_load
from lianxin.points.models import PointsEntry, Redemption, Reward
from lianxin.points.selectors import balance_of, ledger_problems

pytestmark = pytest.mark.django_db


def test_the_demo_ledger_loads_once(cast):
    first = demo_points_load()
    assert demo_points_load() == first == PointsEntry.objects.count() == 4
    rice = Reward.objects.get(name="大米")
    assert (rice.points_price, rice.stock, rice.shop.name) == (30, 3, "惠邻超市")
    assert balance_of(cast.resident.person) == 20 + 40 - 20
    assert balance_of(cast.volunteer.person) == 25
    assert Redemption.objects.get().reward.name == "洗衣液"
    assert [p for p in ledger_problems() if p[1]] == []
