"""Rewards on offer and redemptions, each list as its reader may see it: a resident his own codes, shop
staff their shops' codes."""

from django.db.models import QuerySet

from lianxin.points.models import Redemption, Reward
from lianxin.points.shops import shop_ids


def rewards_on_offer() -> QuerySet:
    """Rewards open to every signed-in person: the shops put them up for all residents."""
    return Reward.objects.filter(active=True).select_related("shop").order_by("points_price", "id")


def redemptions_mine(person) -> QuerySet:
    if person is None:
        return Redemption.objects.none()
    return Redemption.objects.filter(account__person=person).select_related("reward", "reward__shop")


def redemptions_of_shops(user) -> QuerySet:
    return Redemption.objects.filter(reward__shop_id__in=shop_ids(user)).select_related(
        "reward", "account__person"
    )


def redemptions_for(user) -> QuerySet:
    """What ``GET /redemptions/`` lists: shop staff their shops' codes, everyone else his own."""
    if shop_ids(user):
        return redemptions_of_shops(user)
    return redemptions_mine(user.person)
