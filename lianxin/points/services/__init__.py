"""Every write of the points app: keyword-only, the acting user first, each in one transaction."""

from lianxin.points.services.ledger import points_award, points_reverse
from lianxin.points.services.rewards import redemption_confirm, redemptions_expire, reward_redeem

__all__ = [
    "points_award",
    "points_reverse",
    "redemption_confirm",
    "redemptions_expire",
    "reward_redeem",
]
