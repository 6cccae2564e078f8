"""The demo's points: 惠邻超市, a partner shop with three rewards (大米 30 分, stock 3 …), and a small ledger
for the demo resident and volunteer, paid and spent through the points services: a fulfilled wish, a
service project's hours, activity hours, one redemption waiting at the shop. Keys make a rerun add
nothing."""

from lianxin.areas.models import Area, Level
from lianxin.demo.service_accounts import SHOP, shop_ensure
from lianxin.people.models import Organisation, User
from lianxin.points.models import Reward
from lianxin.points.services import points_award, reward_redeem
from lianxin.points.shops import PARTNER_SHOP

REWARDS = [("大米", "5 斤装", 30, 3), ("食用油", "1.8 升", 50, 5), ("洗衣液", "2 公斤", 20, 10)]
# username: (key, points, reason, source kind)
AWARDS = {
    "resident": [
        ("demo:wish:1", 20, "微心愿：孙女的书包", "wish"),
        ("demo:project:1", 40, "服务项目：楼道杂物清理 2 小时", "project"),
    ],
    "volunteer": [("demo:hours:1", 25, "重阳节敬老活动 2.5 小时", "activity_hours")],
}


def demo_points_load() -> int:
    """The shop, its rewards and the ledger; returns how many entries the demo's accounts hold."""
    county = Area.objects.filter(level=Level.COUNTY).order_by("path").first()
    if county is not None:
        shop = shop_ensure(county)
    else:
        shop, _created = Organisation.objects.get_or_create(kind=PARTNER_SHOP, name=SHOP)
    rewards = {}
    for name, description, price, stock in REWARDS:
        rewards[name], _made = Reward.objects.get_or_create(
            shop=shop, name=name, defaults={"description": description, "points_price": price, "stock": stock}
        )
    entries = 0
    for username, awards in AWARDS.items():
        user = User.objects.filter(username=username).select_related("person").first()
        if user is None or not user.person_id:
            continue
        for key, amount, reason, source in awards:
            points_award(None, person=user.person, amount=amount, key=key, reason=reason, source_kind=source)
        if username == "resident":
            reward_redeem(user, reward=rewards["洗衣液"], key="demo-1")
        entries += user.person.points_account.entries.count()
    return entries
