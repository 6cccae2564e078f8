"""Every write of the points app: keyword-only, the acting user first, each in one transaction."""

from lianxin.points.services.ledger import points_award, points_reverse
from lianxin.points.services.rewards import redemption_confirm, redemptions_expire, reward_redeem
from lianxin.points.services.spending import points_refund, points_spend

__all__ = [
    "points_award",
    "points_refund",
    "points_reverse",
    "points_spend",
    "redemption_confirm",
    "redemptions_expire",
    "reward_redeem",
]
